-- CreateTable
CREATE TABLE "CodeSubmission" (
    "id" SERIAL NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "opinionId" INTEGER,
    "ipHash" TEXT NOT NULL,
    "deviceHash" TEXT,
    "textHash" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "notified" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CodeSubmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CodeSubmission_deputyId_createdAt_idx" ON "CodeSubmission"("deputyId", "createdAt");

-- CreateIndex
CREATE INDEX "CodeSubmission_textHash_createdAt_idx" ON "CodeSubmission"("textHash", "createdAt");
