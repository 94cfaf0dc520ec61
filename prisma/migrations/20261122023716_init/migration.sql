-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DeputyLevel" AS ENUM ('NATIONAL', 'PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('ADMIN', 'STATION');

-- CreateEnum
CREATE TYPE "OpinionStatus" AS ENUM ('RECEIVED', 'IN_PROGRESS', 'REPLIED', 'CLOSED', 'RATED', 'TRANSFERRED', 'REJECTED', 'MERGED');

-- CreateEnum
CREATE TYPE "ResultClass" AS ENUM ('A', 'B', 'C', 'D');

-- CreateEnum
CREATE TYPE "Rating" AS ENUM ('SATISFIED', 'BASICALLY', 'DISSATISFIED');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Station" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "township" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "receptionSchedule" JSONB,
    "publicDisclosure" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Station_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "name" TEXT,
    "area" TEXT,
    "stationId" INTEGER,
    "webhookUrl" TEXT,
    "webhookSecret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "boundAt" TIMESTAMP(3),

    CONSTRAINT "Group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deputy" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "level" "DeputyLevel" NOT NULL,
    "duties" TEXT,
    "phone" TEXT,
    "phonePublic" BOOLEAN NOT NULL DEFAULT false,
    "bio" TEXT,
    "reception" TEXT,
    "slug" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Deputy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeputyStation" (
    "deputyId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,

    CONSTRAINT "DeputyStation_pkey" PRIMARY KEY ("deputyId","stationId")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffStation" (
    "staffId" INTEGER NOT NULL,
    "stationId" INTEGER NOT NULL,

    CONSTRAINT "StaffStation_pkey" PRIMARY KEY ("staffId","stationId")
);

-- CreateTable
CREATE TABLE "Citizen" (
    "id" SERIAL NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "displayName" TEXT,
    "citizenId" INTEGER,
    "deputyId" INTEGER,
    "staffId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "contact" TEXT,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "keywords" TEXT[],
    "deadlineDays" INTEGER,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" TEXT NOT NULL,
    "isWorkday" BOOLEAN NOT NULL,
    "note" TEXT,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Opinion" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" "OpinionStatus" NOT NULL DEFAULT 'RECEIVED',
    "channel" TEXT NOT NULL,
    "platform" TEXT,
    "sourceMessageId" TEXT,
    "groupId" INTEGER,
    "stationId" INTEGER,
    "citizenId" INTEGER,
    "submitterPlatformUserId" TEXT,
    "deputyId" INTEGER,
    "unitId" INTEGER,
    "place" TEXT,
    "contactPhone" TEXT,
    "dueDate" DATE,
    "replyText" TEXT,
    "resultClass" "ResultClass",
    "resultText" TEXT,
    "rating" "Rating",
    "ratingComment" TEXT,
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "cosignCount" INTEGER NOT NULL DEFAULT 0,
    "mergedIntoId" INTEGER,
    "closeReason" TEXT,
    "followToken" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "takenAt" TIMESTAMP(3),
    "assignedAt" TIMESTAMP(3),
    "repliedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "ratedAt" TIMESTAMP(3),

    CONSTRAINT "Opinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OpinionEvent" (
    "id" SERIAL NOT NULL,
    "opinionId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" "OpinionStatus",
    "toStatus" "OpinionStatus",
    "actorRole" TEXT NOT NULL,
    "actorName" TEXT,
    "actorRef" TEXT,
    "note" TEXT,
    "data" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpinionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cosign" (
    "opinionId" INTEGER NOT NULL,
    "citizenId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cosign_pkey" PRIMARY KEY ("opinionId","citizenId")
);

-- CreateTable
CREATE TABLE "DuplicateHint" (
    "opinionId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "DuplicateHint_pkey" PRIMARY KEY ("opinionId","candidateId")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "chatType" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "replyTo" JSONB,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "detail" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SimulatorLine" (
    "id" SERIAL NOT NULL,
    "chatId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "senderId" TEXT,
    "senderName" TEXT,
    "text" TEXT NOT NULL,
    "payload" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SimulatorLine_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Station_name_key" ON "Station"("name");

-- CreateIndex
CREATE INDEX "Group_stationId_idx" ON "Group"("stationId");

-- CreateIndex
CREATE UNIQUE INDEX "Group_platform_chatId_key" ON "Group"("platform", "chatId");

-- CreateIndex
CREATE UNIQUE INDEX "Deputy_slug_key" ON "Deputy"("slug");

-- CreateIndex
CREATE INDEX "DeputyStation_stationId_idx" ON "DeputyStation"("stationId");

-- CreateIndex
CREATE INDEX "StaffStation_stationId_idx" ON "StaffStation"("stationId");

-- CreateIndex
CREATE INDEX "Identity_deputyId_idx" ON "Identity"("deputyId");

-- CreateIndex
CREATE INDEX "Identity_staffId_idx" ON "Identity"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_platform_userId_key" ON "Identity"("platform", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_name_key" ON "Unit"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Opinion_number_key" ON "Opinion"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Opinion_followToken_key" ON "Opinion"("followToken");

-- CreateIndex
CREATE INDEX "Opinion_stationId_status_idx" ON "Opinion"("stationId", "status");

-- CreateIndex
CREATE INDEX "Opinion_status_dueDate_idx" ON "Opinion"("status", "dueDate");

-- CreateIndex
CREATE INDEX "Opinion_groupId_createdAt_idx" ON "Opinion"("groupId", "createdAt");

-- CreateIndex
CREATE INDEX "Opinion_createdAt_idx" ON "Opinion"("createdAt");

-- CreateIndex
CREATE INDEX "Opinion_citizenId_idx" ON "Opinion"("citizenId");

-- CreateIndex
CREATE INDEX "OpinionEvent_opinionId_id_idx" ON "OpinionEvent"("opinionId", "id");

-- CreateIndex
CREATE INDEX "OpinionEvent_action_createdAt_idx" ON "OpinionEvent"("action", "createdAt");

-- CreateIndex
CREATE INDEX "InboundMessage_handledAt_idx" ON "InboundMessage"("handledAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_platform_messageId_key" ON "InboundMessage"("platform", "messageId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_chatId_status_id_idx" ON "OutboxMessage"("platform", "chatId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_key_key" ON "JobRun"("key");

-- CreateIndex
CREATE INDEX "SimulatorLine_chatId_id_idx" ON "SimulatorLine"("chatId", "id");

-- AddForeignKey
ALTER TABLE "Group" ADD CONSTRAINT "Group_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeputyStation" ADD CONSTRAINT "DeputyStation_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeputyStation" ADD CONSTRAINT "DeputyStation_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffStation" ADD CONSTRAINT "StaffStation_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffStation" ADD CONSTRAINT "StaffStation_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "Group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "Station"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_deputyId_fkey" FOREIGN KEY ("deputyId") REFERENCES "Deputy"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opinion" ADD CONSTRAINT "Opinion_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Opinion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OpinionEvent" ADD CONSTRAINT "OpinionEvent_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cosign" ADD CONSTRAINT "Cosign_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cosign" ADD CONSTRAINT "Cosign_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateHint" ADD CONSTRAINT "DuplicateHint_opinionId_fkey" FOREIGN KEY ("opinionId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateHint" ADD CONSTRAINT "DuplicateHint_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Opinion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
