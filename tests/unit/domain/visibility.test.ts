import { describe, expect, it } from "vitest";
import { hiddenFromPublic, visibility, type MatterScope, type Shown, type Target } from "../../../src/domain/visibility.ts";

const policy = { hiddenCategories: ["就业社保", "养老助残"] };

// Station 1 has village groups 10 (where chat matters are raised) and 11, staff group 12; station 2 has village group 20.
const chat: MatterScope = { channel: "chat", stationId: 1, category: "道路交通", publicHidden: null, groupId: 10, citizenId: 100, deputyId: null };
const code: MatterScope = { ...chat, channel: "代表码", groupId: null, citizenId: 101, deputyId: 7 };
const staffEntered: MatterScope = { ...chat, channel: "console", groupId: null, citizenId: 102 };
const personal: MatterScope = { ...chat, category: "就业社保" };
const hidden: MatterScope = { ...chat, publicHidden: true };
const shownByStaff: MatterScope = { ...personal, publicHidden: false };
const codeShownByStaff: MatterScope = { ...code, publicHidden: false };
const unbound: MatterScope = { ...chat, stationId: null, groupId: 30 };

const raisedIn: Target = { kind: "group", groupId: 10, stationId: 1, purpose: "village" };
const sameStation: Target = { kind: "group", groupId: 11, stationId: 1, purpose: "village" };
const staffGroup: Target = { kind: "group", groupId: 12, stationId: 1, purpose: "station-staff" };
const adminGroup: Target = { kind: "group", groupId: 13, stationId: null, purpose: "admin" };
const otherStation: Target = { kind: "group", groupId: 20, stationId: 2, purpose: "village" };
const otherStaff: Target = { kind: "group", groupId: 21, stationId: 2, purpose: "station-staff" };
const unboundChat: Target = { kind: "group", groupId: 31, stationId: null, purpose: "village" };
const unboundOrigin: Target = { kind: "group", groupId: 30, stationId: null, purpose: "village" };
const dm = (viewer: Extract<Target, { kind: "direct" }>["viewer"]): Target => ({ kind: "direct", viewer });
const submitterOf = (m: MatterScope) => dm({ citizenId: m.citizenId! });
const stationDeputy = dm({ deputy: { id: 5, stationIds: [1] } });
const supervisingDeputy = dm({ deputy: { id: 7, stationIds: [2] } });
const otherDeputy = dm({ deputy: { id: 6, stationIds: [2] } });
const stationStaff = dm({ staff: { stationIds: [1] } });
const otherStaffMember = dm({ staff: { stationIds: [2] } });
const administrator = dm({ admin: true });
const cosigner = dm({ citizenId: 200, cosigner: true });
const stranger = dm({ citizenId: 201 });
const anonymous = dm({});
const publicPage: Target = { kind: "public" };

const table: [string, MatterScope, Target, Shown][] = [
  ["chat matter, the group where it was raised", chat, raisedIn, "masked"],
  ["chat matter, another village group of the station", chat, sameStation, "masked"],
  ["personal category, another village group", personal, sameStation, "nothing"],
  ["personal category, still masked where it was raised", personal, raisedIn, "masked"],
  ["hidden by staff, another village group", hidden, sameStation, "nothing"],
  ["hidden by staff, the group where it was raised", hidden, raisedIn, "masked"],
  ["personal category shown by staff, another village group", shownByStaff, sameStation, "masked"],
  ["chat matter, staff group of the station", chat, staffGroup, "masked"],
  ["chat matter, administrators' group", chat, adminGroup, "masked"],
  ["chat matter, village group of another station", chat, otherStation, "nothing"],
  ["chat matter, staff group of another station", chat, otherStaff, "nothing"],
  ["chat matter, an unbound group", chat, unboundChat, "nothing"],
  ["unbound matter, the group where it was raised", unbound, unboundOrigin, "masked"],
  ["unbound matter, another unbound group", unbound, unboundChat, "nothing"],
  ["unbound matter, administrators' group", unbound, adminGroup, "masked"],
  ["代表码, any village group", code, sameStation, "nothing"],
  ["代表码 shown on public pages by staff, still never in a village group", codeShownByStaff, sameStation, "nothing"],
  ["代表码, staff group of the station", code, staffGroup, "number"],
  ["代表码, administrators' group", code, adminGroup, "number"],
  ["代表码, staff group of another station", code, otherStaff, "nothing"],
  ["staff-registered, village group", staffEntered, sameStation, "nothing"],
  ["staff-registered, staff group", staffEntered, staffGroup, "number"],
  ["chat matter, submitter's direct chat", chat, submitterOf(chat), "full"],
  ["代表码, submitter's direct chat", code, submitterOf(code), "full"],
  ["chat matter, a deputy of the station", chat, stationDeputy, "full"],
  ["代表码, its supervising deputy from another station", code, supervisingDeputy, "full"],
  ["chat matter, a deputy of another station", chat, otherDeputy, "nothing"],
  ["chat matter, staff of the station", chat, stationStaff, "full"],
  ["chat matter, staff of another station", chat, otherStaffMember, "nothing"],
  ["代表码, an administrator", code, administrator, "full"],
  ["unbound matter, any official", unbound, otherDeputy, "full"],
  ["unbound matter, a stranger", unbound, stranger, "nothing"],
  ["chat matter, a co-signer", chat, cosigner, "masked"],
  ["chat matter, anyone else", chat, stranger, "nothing"],
  ["代表码, anyone else", code, stranger, "nothing"],
  ["chat matter, someone unknown to the bot", chat, anonymous, "nothing"],
  ["chat matter, public page", chat, publicPage, "masked"],
  ["personal category, public page", personal, publicPage, "nothing"],
  ["hidden by staff, public page", hidden, publicPage, "nothing"],
  ["personal category shown by staff, public page", shownByStaff, publicPage, "masked"],
  ["代表码, public page", code, publicPage, "nothing"],
  ["代表码 shown by staff, public page", codeShownByStaff, publicPage, "masked"],
  ["staff-registered, public page", staffEntered, publicPage, "nothing"],
];

describe("where a matter may be shown", () => {
  it.each(table)("%s", (_name, matter, target, expected) => {
    expect(visibility(matter, target, policy)).toBe(expected);
  });

  it("never gives a group the text of a 代表码 or staff-registered matter", () => {
    const groups = [raisedIn, sameStation, staffGroup, adminGroup, otherStation, otherStaff, unboundChat];
    for (const m of [code, staffEntered, codeShownByStaff, { ...staffEntered, groupId: 10 }]) {
      for (const g of groups) expect(["number", "nothing"], `${m.channel} in group ${JSON.stringify(g)}`).toContain(visibility(m, g, policy));
    }
  });

  it("hides personal categories by configuration, and the staff decision wins both ways", () => {
    expect(hiddenFromPublic(personal, policy)).toBe(true);
    expect(hiddenFromPublic(personal, { hiddenCategories: [] })).toBe(false);
    expect(hiddenFromPublic({ ...chat, publicHidden: true }, { hiddenCategories: [] })).toBe(true);
    expect(hiddenFromPublic({ ...code, publicHidden: false }, policy)).toBe(false);
  });
});
