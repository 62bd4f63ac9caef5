-- ORD-1, PRC-4: the catalog is read a page at a time, active products by name then ID, after the
-- previous page's last (name, id). This index serves that order and that row comparison, so a page reads
-- about its own rows instead of every active product; the market is checked on the rows it reads.
CREATE INDEX IF NOT EXISTS "products_active_name_idx" ON "products" USING btree ("name","id") WHERE "active";
