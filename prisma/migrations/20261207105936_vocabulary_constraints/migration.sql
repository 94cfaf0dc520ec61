-- Foreign keys, their indexes, and CHECKs for the closed sets stored as text.
-- Written to apply to a database that already holds rows: references that point nowhere are cleared
-- (or their rows removed where the reference is required) before the keys are added, and the CHECKs are
-- NOT VALID, so rows written by older versions stay as they are while every new write is checked.

-- Clear references that point nowhere, so the foreign keys below can be added.
UPDATE "CodeSubmission" SET "opinionId" = NULL WHERE "opinionId" IS NOT NULL AND "opinionId" NOT IN (SELECT id FROM "Opinion");
DELETE FROM "CodeSubmission" WHERE "deputyId" NOT IN (SELECT id FROM "Deputy");
DELETE FROM "BindingCode" WHERE "deputyId" NOT IN (SELECT id FROM "Deputy");

-- CreateIndex
CREATE INDEX "CodeSubmission_opinionId_idx" ON "CodeSubmission"("opinionId");

-- CreateIndex
CREATE INDEX "Cosign_citizenId_idx" ON "Cosign"("citizenId");

-- CreateIndex
CREATE INDEX "DuplicateHint_candidateId_idx" ON "DuplicateHint"("candidateId");

-- CreateIndex
CREATE INDEX "Opinion_deputyId_idx" ON "Opinion"("deputyId");

-- CreateIndex
CREATE INDEX "Opinion_unitId_idx" ON "Opinion"("unitId");

-- CreateIndex
CREATE INDEX "Opinion_mergedIntoId_idx" ON "Opinion"("mergedIntoId");

-- CreateIndex
CREATE INDEX "OpinionEvent_actorRef_idx" ON "OpinionEvent"("actorRef");

-- AddForeignKey
ALTER TABLE "CodeSubmission" ADD CONSTRAINT "CodeSubmission_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CodeSubmission" ADD CONSTRAINT "CodeSubmission_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindingCode" ADD CONSTRAINT "BindingCode_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Closed sets kept as text (Prisma cannot declare CHECKs, and the drift test does not see them).
-- The lists match the TypeScript unions named in each comment.
ALTER TABLE "Group" ADD CONSTRAINT "Group_purpose_check" CHECK ("purpose" IN ('village', 'station-staff', 'admin')) NOT VALID; -- GroupPurpose
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_channel_check" CHECK ("channel" IN ('chat', '代表码', 'console')) NOT VALID; -- NewOpinion.channel
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_cosignCount_check" CHECK ("cosignCount" >= 0) NOT VALID;
ALTER TABLE "OpinionEvent" ADD CONSTRAINT "OpinionEvent_actorRole_check" CHECK ("actorRole" IN ('citizen', 'deputy', 'staff', 'admin', 'system')) NOT VALID; -- Role | "system"
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_chatType_check" CHECK ("chatType" IN ('group', 'direct')) NOT VALID; -- ChatType
ALTER TABLE "OutboxMessage" ADD CONSTRAINT "OutboxMessage_kind_check" CHECK ("kind" IN ('reply', 'post')) NOT VALID; -- OutboxItem.kind
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_status_check" CHECK ("status" IN ('done', 'failed', 'skipped')) NOT VALID; -- recordPeriod
ALTER TABLE "SimulatorLine" ADD CONSTRAINT "SimulatorLine_direction_check" CHECK ("direction" IN ('in', 'out')) NOT VALID;
ALTER TABLE "CodeSubmission" ADD CONSTRAINT "CodeSubmission_outcome_check" CHECK ("outcome" IN ('accepted', 'duplicate', 'honeypot')) NOT VALID;
ALTER TABLE "ConsoleAccount" ADD CONSTRAINT "ConsoleAccount_role_check" CHECK ("role" IN ('admin', 'staff')) NOT VALID; -- Account.role
