-- How a job was made, when the person should know (the scene writer's answer was unusable, say).
ALTER TABLE "Job" ADD COLUMN "note" TEXT;

-- What each call's cost was computed from (tokens, seconds, images and their prices).
ALTER TABLE "Generation" ADD COLUMN "costBasis" TEXT;
