// What a bound group is for: which scheduled posts it receives and what it may see of matters.
export const GROUP_PURPOSES = ["village", "station-staff", "admin"] as const;
export type GroupPurpose = (typeof GROUP_PURPOSES)[number];
export const PURPOSE_LABEL: Record<GroupPurpose, string> = { village: "村民群", "station-staff": "站点工作群", admin: "管理员群" };
