import type { Language } from './i18n/languages';

export type UserState = 'active' | 'inactive' | (string & {});

export interface Tenant {
  id: string;
  name: string;
  country: string;
  primaryDomain: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  state: UserState;
  language: Language | (string & {});
  mustChangePassword: boolean;
  createdAt: string;
}

export interface Membership {
  program: string;
  status: string;
}

export interface Me {
  user: User;
  tenant: Tenant;
  memberships: Membership[];
  permissions: string[];
  csrfToken: string;
}

export interface SessionCreated {
  user: User;
  tenant: Tenant;
  csrfToken: string;
}

export interface TenantCreated {
  tenant: Tenant;
  user: Pick<User, 'id' | 'email' | 'displayName' | 'roles'>;
}

export interface Collection<T> {
  totalCount: number;
  items: T[];
  links?: { next?: { uri: string } };
}

export interface UserCreated {
  user: User;
  temporaryPassword?: string;
}

export interface Notification {
  id: string;
  subject: string;
  text: string;
  to: string;
  status: string;
  createdAt: string;
  sentAt: string | null;
}

export interface AuditRecord {
  id: string;
  at: string;
  actorUserId: string | null;
  actorTenantId: string | null;
  tenantId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}
