-- CreateTable
CREATE TABLE "SeenCallback" (
    "key" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenCallback_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SeenCallback_expiresAt_idx" ON "SeenCallback"("expiresAt");
