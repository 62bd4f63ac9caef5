// Active partners of a program with their public contact details: REL-1's provider directory
// (filterable by country and service offered) and the partner pickers, by name then tenant ID.
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../../db/index.js';
import type { EnrollmentProgram } from '../rules.js';
import { enrollments, legalBusinessProfiles, partnerAttributes, supportProfiles } from '../schema.js';
import type { EnrollmentDeps } from './deps.js';

export interface ActivePartnersQuery {
  program: EnrollmentProgram;
  countries?: string[];
  service?: string;
  q?: string;
  size: number;
  after?: { name: string; tenantId: string };
}

export async function listActivePartners(deps: EnrollmentDeps, query: ActivePartnersQuery) {
  const { db } = deps;
  const filters: SQL[] = [eq(enrollments.program, query.program), eq(enrollments.status, 'active')];
  if (query.countries) filters.push(query.countries.length ? inArray(legalBusinessProfiles.country, query.countries) : sql`false`);
  if (query.service) filters.push(sql`${query.service} = any(${partnerAttributes.servicesOffered})`);
  if (query.q) filters.push(sql`${legalBusinessProfiles.legalName} ilike ${`%${escapeLike(query.q)}%`}`);
  const where = and(...filters);
  const page = query.after
    ? or(gt(legalBusinessProfiles.legalName, query.after.name), and(eq(legalBusinessProfiles.legalName, query.after.name), gt(enrollments.tenantId, query.after.tenantId)))
    : undefined;
  const base = () =>
    db
      .select({
        tenantId: enrollments.tenantId,
        name: legalBusinessProfiles.legalName,
        country: legalBusinessProfiles.country,
        servicesOffered: partnerAttributes.servicesOffered,
        website: supportProfiles.website,
        supportEmail: supportProfiles.email,
        supportPhone: supportProfiles.phone,
      })
      .from(enrollments)
      .innerJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
      .leftJoin(supportProfiles, eq(supportProfiles.tenantId, enrollments.tenantId))
      .leftJoin(partnerAttributes, eq(partnerAttributes.tenantId, enrollments.tenantId));
  const [items, [count]] = await Promise.all([
    base().where(and(where, page)).orderBy(asc(legalBusinessProfiles.legalName), asc(enrollments.tenantId)).limit(query.size + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(enrollments)
      .innerJoin(legalBusinessProfiles, eq(legalBusinessProfiles.tenantId, enrollments.tenantId))
      .leftJoin(partnerAttributes, eq(partnerAttributes.tenantId, enrollments.tenantId))
      .where(where),
  ]);
  return { items: items.map((i) => ({ ...i, servicesOffered: i.servicesOffered ?? [] })), totalCount: count?.n ?? 0 };
}
