import { colorFor, initials } from '../lib/colors';

interface AvatarProps {
  name: string | null | undefined;
  id?: string | null;
  src?: string | null;
  size?: 'sm' | 'md' | 'lg';
  title?: string;
}

/** A round avatar: the picture when there is one, otherwise coloured initials. */
export function Avatar({ name, id, src, size = 'md', title }: AvatarProps) {
  const sizeClass = size === 'md' ? '' : ` avatar-${size}`;
  if (!name) {
    return (
      <span className={`avatar avatar-empty${sizeClass}`} title={title ?? 'Unassigned'} aria-label={title ?? 'Unassigned'}>
        ?
      </span>
    );
  }
  return (
    <span className={`avatar${sizeClass}`} style={{ background: colorFor(id ?? name) }} title={title ?? name} aria-label={title ?? name}>
      {src ? <img src={src} alt="" /> : initials(name)}
    </span>
  );
}
