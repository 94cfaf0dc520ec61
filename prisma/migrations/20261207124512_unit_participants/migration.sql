-- 承办单位 as participants: liaisons (platform identities), unit work groups, console accounts of role
-- unit, each 转办 with its 签收/退回, extension requests with their decision, and the deadline history.
-- Existing rows fit unchanged: the new columns are empty or default, and the widened CHECKs accept every
-- value the old ones did.

-- CreateEnum
CREATE TYPE "ExtensionDecision" AS ENUM ('APPROVED', 'REFUSED');

-- AlterTable
ALTER TABLE "ConsoleAccount" ADD COLUMN     "unitId" INTEGER;

-- AlterTable
ALTER TABLE "Group" ADD COLUMN     "unitId" INTEGER;

-- AlterTable
ALTER TABLE "Identity" ADD COLUMN     "liaisonId" INTEGER;

-- AlterTable
ALTER TABLE "Opinion" ADD COLUMN     "lateDays" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "targetDate" DATE;

-- CreateTable
CREATE TABLE "UnitLiaison" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UnitLiaison_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dispatch" (
    "id" SERIAL NOT NULL,
    "opinionId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "dispatchedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signDueDate" DATE NOT NULL,
    "signedAt" TIMESTAMP(3),
    "returnedAt" TIMESTAMP(3),
    "returnReason" TEXT,
    "repliedAt" TIMESTAMP(3),
    "replyText" TEXT,
    "recipients" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Dispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExtensionRequest" (
    "id" SERIAL NOT NULL,
    "opinionId" INTEGER NOT NULL,
    "dispatchId" INTEGER,
    "days" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "dueAtRequest" DATE,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requesterRole" TEXT NOT NULL,
    "requesterName" TEXT NOT NULL,
    "requesterRef" TEXT,
    "decision" "ExtensionDecision",
    "decidedAt" TIMESTAMP(3),
    "deciderName" TEXT,
    "deciderRef" TEXT,
    "decisionNote" TEXT,

    CONSTRAINT "ExtensionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadlineChange" (
    "id" SERIAL NOT NULL,
    "opinionId" INTEGER NOT NULL,
    "eventId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueDate" DATE,
    "targetDate" DATE,
    "lateDays" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeadlineChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UnitLiaison_unitId_idx" ON "UnitLiaison"("unitId");

-- CreateIndex
CREATE INDEX "Dispatch_opinionId_id_idx" ON "Dispatch"("opinionId", "id");

-- CreateIndex
CREATE INDEX "Dispatch_unitId_dispatchedAt_idx" ON "Dispatch"("unitId", "dispatchedAt");

-- CreateIndex
CREATE INDEX "ExtensionRequest_opinionId_id_idx" ON "ExtensionRequest"("opinionId", "id");

-- CreateIndex
CREATE INDEX "ExtensionRequest_dispatchId_idx" ON "ExtensionRequest"("dispatchId");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineChange_eventId_key" ON "DeadlineChange"("eventId");

-- CreateIndex
CREATE INDEX "DeadlineChange_opinionId_id_idx" ON "DeadlineChange"("opinionId", "id");

-- CreateIndex
CREATE INDEX "ConsoleAccount_unitId_idx" ON "ConsoleAccount"("unitId");

-- CreateIndex
CREATE INDEX "Group_unitId_idx" ON "Group"("unitId");

-- CreateIndex
CREATE INDEX "Identity_liaisonId_idx" ON "Identity"("liaisonId");

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_liaisonId_fkey" FOREIGN KEY ("liaisonId") REFERENCES "UnitLiaison"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitLiaison" ADD CONSTRAINT "UnitLiaison_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispatch" ADD CONSTRAINT "Dispatch_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispatch" ADD CONSTRAINT "Dispatch_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_dispatchId_fkey" FOREIGN KEY ("dispatchId") REFERENCES "Dispatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "OpinionEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsoleAccount" ADD CONSTRAINT "ConsoleAccount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Closed sets widened for units, and the new ones (NOT VALID as in vocabulary_constraints: old rows stay).
ALTER TABLE "Group" DROP CONSTRAINT "Group_purpose_check";
ALTER TABLE "Group" ADD CONSTRAINT "Group_purpose_check" CHECK ("purpose" IN ('village', 'station-staff', 'admin', 'unit')) NOT VALID; -- GroupPurpose
ALTER TABLE "Group" ADD CONSTRAINT "Group_unit_check" CHECK (("purpose" = 'unit') = ("unitId" IS NOT NULL)) NOT VALID; -- a unit group names its unit
ALTER TABLE "ConsoleAccount" DROP CONSTRAINT "ConsoleAccount_role_check";
ALTER TABLE "ConsoleAccount" ADD CONSTRAINT "ConsoleAccount_role_check" CHECK ("role" IN ('admin', 'staff', 'unit')) NOT VALID; -- Account.role
ALTER TABLE "ConsoleAccount" ADD CONSTRAINT "ConsoleAccount_unit_check" CHECK (("role" = 'unit') = ("unitId" IS NOT NULL)) NOT VALID; -- one unit each
ALTER TABLE "OpinionEvent" DROP CONSTRAINT "OpinionEvent_actorRole_check";
ALTER TABLE "OpinionEvent" ADD CONSTRAINT "OpinionEvent_actorRole_check" CHECK ("actorRole" IN ('citizen', 'deputy', 'staff', 'admin', 'unit', 'system')) NOT VALID; -- Role | "system"
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_lateDays_check" CHECK ("lateDays" >= 0) NOT VALID;
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_targetDate_check" CHECK ("targetDate" IS NULL OR "targetDate" > "dueDate") NOT VALID; -- a target only beside an expired deadline
ALTER TABLE "Dispatch" ADD CONSTRAINT "Dispatch_recipients_check" CHECK ("recipients" >= 0);
ALTER TABLE "Dispatch" ADD CONSTRAINT "Dispatch_return_check" CHECK (("returnedAt" IS NULL) = ("returnReason" IS NULL));
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_days_check" CHECK ("days" BETWEEN 1 AND 180);
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_requesterRole_check" CHECK ("requesterRole" IN ('deputy', 'staff', 'admin', 'unit')); -- Role, officials only
ALTER TABLE "ExtensionRequest" ADD CONSTRAINT "ExtensionRequest_decision_check" CHECK (("decision" IS NULL) = ("decidedAt" IS NULL));
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_kind_check" CHECK ("kind" IN ('original', 'dispatch', 'redispatch', 'extension', 'lateExtension', 'reopen')); -- DeadlineKind
ALTER TABLE "DeadlineChange" ADD CONSTRAINT "DeadlineChange_lateDays_check" CHECK ("lateDays" >= 0);
