-- The text-to-speech model a narrated job was created with (remote back ends).
ALTER TABLE "Job" ADD COLUMN "narratorModel" TEXT;
