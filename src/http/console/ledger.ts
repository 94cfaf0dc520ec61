// 台账 and matter handling for the console: scoped to the caller's stations.
import { Router } from "express";
import { z } from "zod";
import { rowId } from "../params.ts";
import type { CoreContext } from "../../core/context.ts";
import { validate } from "../validate.ts";
import { listLedger, ledgerQuery } from "../../console/ledger.ts";
import { opinionDetail } from "../../console/opinion-detail.ts";
import { actionSchema, runAction } from "../../console/actions.ts";
import { publicDisplayBody, setPublicDisplay } from "../../console/public-display.ts";
import { principalOf, stationScope } from "../auth/principal.ts";
import { ledgerWorkbook } from "../../console/ledger-export.ts";
import { sendFile } from "./roster.ts";
import { XLSX_TYPE } from "../../console/sheets.ts";

const numberParam = z.object({ number: rowId });
const actionBody = z.object({ notify: z.boolean().default(true) });

export function ledgerRoutes(ctx: CoreContext): Router {
  const r = Router();

  r.get("/ledger", async (req, res) => {
    const q = validate(ledgerQuery, req.query);
    res.json(await listLedger(ctx, q, stationScope(principalOf(res))));
  });

  /** The current filters' matters as the office's Excel 台账 (sort and filters honoured, paging ignored). */
  r.get("/ledger/export.xlsx", async (req, res) => {
    const q = validate(ledgerQuery, req.query);
    const body = await ledgerWorkbook(ctx, q, stationScope(principalOf(res)));
    sendFile(res, body, `意见建议台账-${ctx.today()}.xlsx`, XLSX_TYPE);
  });

  r.get("/ledger/:number", async (req, res) => {
    const { number } = validate(numberParam, req.params);
    res.json(await opinionDetail(ctx, principalOf(res), number));
  });

  /** The group message an action would post, computed without changing anything. */
  r.post("/ledger/:number/actions/preview", async (req, res) => {
    const { number } = validate(numberParam, req.params);
    const action = validate(actionSchema, req.body);
    res.json(await runAction(ctx, principalOf(res), number, action, { notify: true, preview: true }));
  });

  r.post("/ledger/:number/actions", async (req, res) => {
    const { number } = validate(numberParam, req.params);
    const action = validate(actionSchema, req.body);
    const { notify } = validate(actionBody, { notify: req.body?.notify });
    res.json(await runAction(ctx, principalOf(res), number, action, { notify, preview: false }));
  });

  /** 公示: hide the matter from the public pages, show it, or (null) follow the default rule. */
  r.put("/ledger/:number/public", async (req, res) => {
    const { number } = validate(numberParam, req.params);
    const { hidden } = validate(publicDisplayBody, req.body);
    res.json(await setPublicDisplay(ctx, principalOf(res), number, hidden));
  });
  return r;
}
