// `npm run demo`: the local trial — embedded database with the demo roster and the group-chat simulator,
// listening on this machine only (the simulator has no sign-in). Variables already set still win.
process.env.SIMULATOR_ENABLED ??= "true";
process.env.HOST ??= "127.0.0.1";
await import("./main.ts");
