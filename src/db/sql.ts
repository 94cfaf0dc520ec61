// SQL fragments built from the domain's named sets, so raw queries never retype a status list.
import { Prisma } from "../generated/prisma/client.ts";

/** `column IN (…)` with the values as bound parameters; `column` is trusted SQL such as Prisma.sql`o.status`. */
export function sqlIn(column: Prisma.Sql, values: readonly string[]): Prisma.Sql {
  return Prisma.sql`${column} IN (${Prisma.join(values)})`;
}
