export const ROLES = ['viewer', 'member', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_HELP: Record<Role, string> = {
  viewer: 'Reads everything',
  member: 'Creates and moves work',
  admin: 'Manages members and sprints',
  owner: 'Full control',
};

export function RoleSelect({ value, onChange, disabled, label }: { value: Role; onChange: (role: Role) => void; disabled?: boolean; label: string }) {
  return (
    <select className="select input-sm" style={{ width: 'auto' }} aria-label={label} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>{role[0]?.toUpperCase()}{role.slice(1)}</option>
      ))}
    </select>
  );
}
