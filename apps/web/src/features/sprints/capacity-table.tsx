import { Avatar } from '../../ui/avatar';

interface MemberLoad {
  userId: string;
  name: string;
  avatarUrl: string | null;
  capacity: number;
  committed: number;
  overCapacity: boolean;
}

/** Capacity next to committed points per member, with a bar; capacity is editable while planning. */
export function CapacityTable({ members, editable, onCapacity }: { members: MemberLoad[]; editable: boolean; onCapacity: (userId: string, points: number) => void }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="capacity">
        <thead>
          <tr><th>Member</th><th style={{ width: 110 }}>Capacity</th><th style={{ width: 90 }}>Committed</th><th>Load</th></tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const ratio = member.capacity > 0 ? Math.min(1, member.committed / member.capacity) : member.committed > 0 ? 1 : 0;
            return (
              <tr key={member.userId}>
                <td><span className="row"><Avatar size="sm" name={member.name} id={member.userId} src={member.avatarUrl} /> {member.name}</span></td>
                <td>
                  {editable ? (
                    <input className="input input-sm" type="number" min={0} max={1000} style={{ width: 80 }} aria-label={`Capacity of ${member.name}`} defaultValue={member.capacity} onBlur={(event) => Number(event.target.value) !== member.capacity && onCapacity(member.userId, Number(event.target.value))} />
                  ) : (
                    `${member.capacity} pts`
                  )}
                </td>
                <td style={{ fontWeight: 650, color: member.overCapacity ? 'var(--danger)' : undefined }}>{member.committed} pts</td>
                <td>
                  <div className={member.overCapacity ? 'progress over' : 'progress'} title={`${member.committed} of ${member.capacity} points`}>
                    <div style={{ width: `${ratio * 100}%` }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
