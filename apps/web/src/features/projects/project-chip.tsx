import { colorFor } from '../../lib/colors';

export function ProjectChip({ id, keyPrefix }: { id: string; keyPrefix: string }) {
  return (
    <span className="project-chip" style={{ background: colorFor(id) }} aria-hidden="true">
      {keyPrefix.slice(0, 3)}
    </span>
  );
}
