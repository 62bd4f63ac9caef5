-- BIL-1: invoice-ready notices. When the month-end run issues a period's documents it enqueues one job
-- that mails each document's recipient (its billing and global admins, in their languages; the
-- portal's notifications list the same messages) in batches. A document's row is written in the same
-- transaction as its mails, so a crashed or repeated job never sends a notice twice.
CREATE TABLE "invoice_notices" (
	"invoice_id" uuid PRIMARY KEY NOT NULL REFERENCES "invoices"("id"),
	"sent_at" timestamp (3) with time zone NOT NULL
);
