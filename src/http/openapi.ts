// The OpenAPI 3.1 document for /api, generated from the same zod schemas the routes validate with.
// Routes mounted beside the console's (the simulator's) bring their own operations.
import { z } from "zod";
import { ledgerQuery } from "../console/ledger.ts";
import { publicDisplayBody } from "../console/public-display.ts";
import { actionSchema } from "../console/actions.ts";
import { statsQuery } from "../console/stats.ts";
import { XLSX_TYPE } from "../console/sheets.ts";
import { receptionScheduleSchema } from "../domain/reception.ts";
import { loginSchema, bootstrapSchema } from "./auth/routes.ts";
import { newAccount, accountUpdate } from "./console/accounts.ts";
import { bindingCodeBody } from "./console/binding-codes.ts";
import { groupUpdate } from "./console/roster.ts";
import { stationSchema, deputySchema, staffSchema, unitSchema } from "./admin/roster.ts";
import { categorySchema, calendarDaySchema } from "./admin/settings.ts";
import { listQuery } from "./admin/opinions.ts";
import { runBody, purposeBody } from "./admin/jobs.ts";

type Access = "public" | "signed-in" | "admin" | "token";
export interface ApiOperation {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  tag: string;
  summary: string;
  access: Access;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Non-JSON request or response bodies. */
  upload?: boolean;
  file?: string;
}

const roster = "{kind}";
const OPS: ApiOperation[] = [
  {
    method: "post",
    path: "/api/auth/login",
    tag: "登录",
    summary: "登录（设置会话 Cookie，返回 csrfToken；15 分钟内每 IP 20 次、每用户名 5 次）",
    access: "public",
    body: loginSchema,
  },
  { method: "post", path: "/api/auth/logout", tag: "登录", summary: "退出登录", access: "public" },
  { method: "get", path: "/api/auth/me", tag: "登录", summary: "当前账号与 csrfToken", access: "signed-in" },
  {
    method: "post",
    path: "/api/auth/bootstrap",
    tag: "登录",
    summary: "用 ADMIN_TOKEN 创建第一个管理员（已有管理员时 409）",
    access: "token",
    body: bootstrapSchema,
  },
  { method: "get", path: "/api/openapi.json", tag: "文档", summary: "本文档", access: "public" },

  { method: "get", path: "/api/ledger", tag: "台账", summary: "台账：筛选、排序、分页，并按状态计数", access: "signed-in", query: ledgerQuery },
  {
    method: "get",
    path: "/api/ledger/export.xlsx",
    tag: "台账",
    summary: "按当前筛选导出 Excel 台账（一事一行）",
    access: "signed-in",
    query: ledgerQuery.omit({ page: true, pageSize: true }),
    file: "xlsx",
  },
  {
    method: "get",
    path: "/api/ledger/{number}",
    tag: "台账",
    summary: "事项详情：全文（不打码）、反映人、附议、疑似重复、办理过程、可用操作",
    access: "signed-in",
  },
  {
    method: "post",
    path: "/api/ledger/{number}/actions",
    tag: "台账",
    summary: "办理操作（与群聊命令同一规则）；notify=false 时不发群消息",
    access: "signed-in",
    body: z.intersection(actionSchema, z.object({ notify: z.boolean().default(true) })),
  },
  {
    method: "put",
    path: "/api/ledger/{number}/public",
    tag: "台账",
    summary: "公示控制：hidden=true 不在公示页和代表页显示，false 显示（打码），null 恢复默认规则；记入办理过程",
    access: "signed-in",
    body: publicDisplayBody,
  },
  {
    method: "post",
    path: "/api/ledger/{number}/actions/preview",
    tag: "台账",
    summary: "预览操作将发到群里的消息（不做任何修改）",
    access: "signed-in",
    body: actionSchema,
  },
  { method: "get", path: "/api/options", tag: "台账", summary: "下拉选项：联络站、群、代表、承办单位、分类、状态、结果类别", access: "signed-in" },
  {
    method: "get",
    path: "/api/stats",
    tag: "统计",
    summary: "统计：受理、办结、解决、按期率、平均天数、满意率、超期；按联络站、分类、周/月；代表履职",
    access: "signed-in",
    query: statsQuery,
  },

  {
    method: "get",
    path: `/api/roster/${roster}`,
    tag: "名册",
    summary: "名册列表（kind: stations | deputies | staff | units | groups；推送地址打码）",
    access: "signed-in",
  },
  { method: "get", path: `/api/roster/${roster}/template.xlsx`, tag: "名册", summary: "导入模板", access: "signed-in", file: "xlsx" },
  { method: "get", path: `/api/roster/${roster}/export.xlsx`, tag: "名册", summary: "导出 Excel", access: "signed-in", file: "xlsx" },
  { method: "get", path: `/api/roster/${roster}/export.csv`, tag: "名册", summary: "导出 CSV（UTF-8 BOM）", access: "signed-in", file: "csv" },
  {
    method: "post",
    path: `/api/roster/${roster}/import`,
    tag: "名册",
    summary: "导入 .xlsx 或 .csv（请求体为文件本身）；任一行有误返回 422 和逐行原因，不导入任何数据",
    access: "admin",
    upload: true,
  },
  {
    method: "patch",
    path: "/api/roster/groups/{id}",
    tag: "名册",
    summary: "把群绑定到联络站、设置片区（未绑定的群仅管理员可绑定）",
    access: "signed-in",
    body: groupUpdate,
  },
  {
    method: "post",
    path: "/api/binding-codes",
    tag: "名册",
    summary: "为代表生成一次性绑定码（24 小时有效）；代表在单聊中发送「绑定 绑定码」",
    access: "signed-in",
    body: bindingCodeBody,
  },

  { method: "get", path: "/api/accounts", tag: "账号", summary: "控制台账号列表", access: "admin" },
  { method: "post", path: "/api/accounts", tag: "账号", summary: "新建账号", access: "admin", body: newAccount },
  { method: "patch", path: "/api/accounts/{id}", tag: "账号", summary: "修改账号（改密码或停用会结束其全部会话）", access: "admin", body: accountUpdate },
  { method: "get", path: "/api/audit", tag: "账号", summary: "操作日志", access: "admin" },

  { method: "get", path: "/api/stations", tag: "管理接口", summary: "联络站列表", access: "admin" },
  { method: "post", path: "/api/stations", tag: "管理接口", summary: "新建联络站", access: "admin", body: stationSchema },
  { method: "put", path: "/api/stations/{id}/reception-schedule", tag: "管理接口", summary: "设置接待日安排", access: "admin", body: receptionScheduleSchema },
  {
    method: "put",
    path: "/api/stations/{id}/public-disclosure",
    tag: "管理接口",
    summary: "联络站公示开关",
    access: "admin",
    body: z.object({ enabled: z.boolean() }),
  },
  { method: "get", path: "/api/deputies", tag: "管理接口", summary: "代表列表", access: "admin" },
  { method: "post", path: "/api/deputies", tag: "管理接口", summary: "新建代表", access: "admin", body: deputySchema },
  { method: "get", path: "/api/deputies/{id}/code", tag: "管理接口", summary: "代表码链接（页面、二维码、海报）", access: "admin" },
  { method: "get", path: "/api/staff", tag: "管理接口", summary: "工作人员列表", access: "admin" },
  { method: "post", path: "/api/staff", tag: "管理接口", summary: "新建工作人员", access: "admin", body: staffSchema },
  { method: "get", path: "/api/units", tag: "管理接口", summary: "承办单位列表", access: "admin" },
  { method: "post", path: "/api/units", tag: "管理接口", summary: "新建承办单位", access: "admin", body: unitSchema },
  { method: "get", path: "/api/opinions", tag: "管理接口", summary: "台账（旧接口）", access: "admin", query: listQuery },
  { method: "get", path: "/api/opinions/{number}", tag: "管理接口", summary: "单条意见（旧接口）", access: "admin" },
  { method: "get", path: "/api/categories", tag: "管理接口", summary: "分类", access: "admin" },
  { method: "put", path: "/api/categories/{name}", tag: "管理接口", summary: "新建或修改分类（关键词、时限）", access: "admin", body: categorySchema },
  { method: "get", path: "/api/calendar-days", tag: "管理接口", summary: "补录的节假日与调休", access: "admin" },
  { method: "put", path: "/api/calendar-days/{date}", tag: "管理接口", summary: "补录节假日或调休上班日", access: "admin", body: calendarDaySchema },
  { method: "delete", path: "/api/calendar-days/{date}", tag: "管理接口", summary: "删除补录", access: "admin" },
  { method: "get", path: "/api/jobs", tag: "定时任务", summary: "定时任务：下次运行、最近运行", access: "admin" },
  { method: "post", path: "/api/jobs/{name}/run", tag: "定时任务", summary: "立即运行", access: "admin", body: runBody },
  { method: "put", path: "/api/groups/{id}/purpose", tag: "定时任务", summary: "设置群用途", access: "admin", body: purposeBody },
];

const jsonSchema = (s: z.ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;

const SECURITY: Record<Access, object[] | undefined> = {
  public: [],
  "signed-in": [{ session: [] }, { adminToken: [] }],
  admin: [{ session: [] }, { adminToken: [] }],
  token: [{ adminToken: [] }],
};

function operation(op: ApiOperation) {
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: "path",
    required: true,
    schema: { type: m[1] === "number" || m[1] === "id" ? "integer" : "string" },
  }));
  const query = op.query
    ? Object.entries((jsonSchema(op.query).properties ?? {}) as Record<string, object>).map(([name, schema]) => ({
        name,
        in: "query",
        required: false,
        schema,
      }))
    : [];
  const fileType = op.file === "csv" ? "text/csv" : XLSX_TYPE;
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.access === "admin" ? { description: "仅管理员（ADMIN_TOKEN 或管理员账号）。" } : {}),
    security: SECURITY[op.access],
    parameters: [...params, ...query],
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } } : {}),
    ...(op.upload
      ? {
          requestBody: {
            required: true,
            content: { [XLSX_TYPE]: { schema: { type: "string", format: "binary" } }, "text/csv": { schema: { type: "string" } } },
          },
        }
      : {}),
    responses: {
      "200": op.file
        ? { description: "文件", content: { [fileType]: { schema: { type: "string", format: "binary" } } } }
        : { description: "成功", content: { "application/json": { schema: { type: "object" } } } },
      "400": { $ref: "#/components/responses/Invalid" },
      ...(op.access !== "public" ? { "401": { $ref: "#/components/responses/Unauthorized" }, "403": { $ref: "#/components/responses/Forbidden" } } : {}),
    },
  };
}

export function openApiDocument(mounted: readonly ApiOperation[]): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of [...OPS, ...mounted]) (paths[op.path] ??= {})[op.method] = operation(op);
  const error = {
    type: "object",
    properties: { error: { type: "string", description: "中文原因" }, fields: { type: "object", additionalProperties: { type: "string" } } },
    required: ["error"],
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "人大代表联络助手 API",
      version: "1.0.0",
      description:
        "管理接口与网页控制台使用的 JSON 接口。认证：Authorization: Bearer ADMIN_TOKEN，或控制台会话 Cookie（renda_console）；使用 Cookie 时，非 GET 请求须带 X-CSRF-Token 头（登录或 /api/auth/me 返回）。联络站工作人员账号只能访问所属联络站的数据，否则 403。",
    },
    paths,
    components: {
      securitySchemes: {
        adminToken: { type: "http", scheme: "bearer", description: "ADMIN_TOKEN" },
        session: { type: "apiKey", in: "cookie", name: "renda_console", description: "控制台会话；非 GET 请求还须 X-CSRF-Token 头" },
      },
      schemas: { Error: error },
      responses: {
        Invalid: { description: "输入有误（fields 给出逐字段原因）", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        Unauthorized: { description: "未登录或令牌错误", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        Forbidden: {
          description: "无权限（非管理员、其他联络站，或缺少 X-CSRF-Token）",
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        },
      },
    },
  };
}
