-- TRM-5: the operator's upgrade paths between the SKUs of a product ([{"fromSkuId", "toSkuId"}]): a
-- subscription moves its seats along them (transitively: Basic → Standard → Premium) for the rest of
-- its term.
ALTER TABLE "products" ADD COLUMN "upgrade_paths" jsonb DEFAULT '[]'::jsonb NOT NULL;
