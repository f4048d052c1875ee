/** Who else is looking at this project; wired to the presence procedures once they exist. */
export function PresenceAvatars(_props: { projectId: string }) {
  return null;
}
