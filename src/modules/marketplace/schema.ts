// Marketplace: publishers' offers (draft and live side by side) and their CSP reseller audience.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ListingBody, PlanBody } from './contract.js';
import type { AudienceMode, OfferType } from './rules.js';

const ts = () => timestamp({ withTimezone: true, mode: 'date', precision: 3 });

/** The listing and plans of one side of an offer, as contract.ts declares them. */
export type Listing = ListingBody;
export type Plan = PlanBody;
export interface OfferVersion {
  listing: Listing | null;
  plans: Plan[];
}

export const offers = pgTable(
  'offers',
  {
    id: uuid().primaryKey().defaultRandom(),
    publisherTenantId: uuid().notNull(),
    type: text().$type<OfferType>().notNull(),
    name: text().notNull(),
    draft: jsonb().$type<OfferVersion>().notNull(),
    live: jsonb().$type<OfferVersion>(),
    draftAudienceMode: text().$type<AudienceMode>().notNull(),
    liveAudienceMode: text().$type<AudienceMode>(),
    version: integer().notNull().default(1),
    publishedAt: ts(),
    createdAt: ts().notNull().defaultNow(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [index('offers_publisher_idx').on(t.publisherTenantId, t.createdAt), index('offers_live_idx').on(t.liveAudienceMode).where(sql`live is not null`)],
);

/** MKP-2, MKP-3: the partners selected for an offer, in the draft and/or live audience. */
export const offerAudience = pgTable(
  'offer_audience',
  {
    offerId: uuid()
      .notNull()
      .references(() => offers.id),
    partnerTenantId: uuid().notNull(),
    inDraft: boolean().notNull().default(true),
    inLive: boolean().notNull().default(false),
    addedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.offerId, t.partnerTenantId] }), index('offer_audience_partner_idx').on(t.partnerTenantId).where(sql`in_live`)],
);
