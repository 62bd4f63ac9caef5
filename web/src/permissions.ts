export const PERMISSIONS = {
  usersRead: 'users.read',
  usersManage: 'users.manage',
  auditRead: 'audit.read',
} as const;

export function hasPermission(permissions: readonly string[] | undefined, permission: string): boolean {
  return !!permissions?.includes(permission);
}
