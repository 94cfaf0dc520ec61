import { admin } from "./test-app.ts";

/** Two stations, three deputies, a station head, an administrator and two units — all simulator identities. */
export async function seedRoster(baseUrl: string) {
  const east = (await admin(baseUrl, "POST", "/api/stations", { name: "东风镇代表联络站", township: "东风镇" })).body;
  const west = (await admin(baseUrl, "POST", "/api/stations", { name: "西山镇代表联络站", township: "西山镇" })).body;
  const wang = (
    await admin(baseUrl, "POST", "/api/deputies", {
      name: "王建国",
      level: "COUNTY",
      duties: "县人大代表、东风村党支部书记",
      phone: "13912345678",
      phonePublic: false,
      reception: "每月10日上午",
      stationIds: [east.id],
      identities: [{ platform: "simulator", userId: "dep-wang" }],
    })
  ).body;
  const zhao = (
    await admin(baseUrl, "POST", "/api/deputies", {
      name: "赵丽",
      level: "TOWNSHIP",
      stationIds: [east.id],
      identities: [{ platform: "simulator", userId: "dep-zhao" }],
    })
  ).body;
  const sun = (
    await admin(baseUrl, "POST", "/api/deputies", {
      name: "孙强",
      level: "TOWNSHIP",
      stationIds: [west.id],
      identities: [{ platform: "simulator", userId: "dep-sun" }],
    })
  ).body;
  const liu = (
    await admin(baseUrl, "POST", "/api/staff", {
      name: "刘站长",
      role: "STATION",
      title: "站长",
      stationIds: [east.id],
      identities: [{ platform: "simulator", userId: "staff-liu" }],
    })
  ).body;
  const chen = (
    await admin(baseUrl, "POST", "/api/staff", {
      name: "陈主任",
      role: "ADMIN",
      identities: [{ platform: "simulator", userId: "admin-chen" }],
    })
  ).body;
  await admin(baseUrl, "POST", "/api/units", { name: "县交通运输局" });
  await admin(baseUrl, "POST", "/api/units", { name: "县供电公司" });
  return { east, west, wang, zhao, sun, liu, chen };
}
