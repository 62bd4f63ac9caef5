DROP INDEX "partner_attributes_competencies_idx";--> statement-breakpoint
DROP INDEX "partner_attributes_skills_idx";