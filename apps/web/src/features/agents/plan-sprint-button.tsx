import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { useToast } from '../../ui/toast';

/** Asks the sprint planner for a plan of this sprint; the proposal opens in the inbox for review. */
export function PlanSprintButton({ projectId, sprintId }: { projectId: string; sprintId: string }) {
  const navigate = useNavigate();
  const toast = useToast();
  const plan = trpc.ai.planSprint.useMutation({
    onSuccess: (proposal) => void navigate(`/projects/${projectId}/proposals/${proposal.id}`),
    onError: (error) => toast(errorMessage(error), 'error'),
  });
  return (
    <button type="button" className="btn" disabled={plan.isPending} onClick={() => plan.mutate({ projectId, sprintId })} title="The sprint planner proposes stories that fit the capacity, priorities and dependencies">
      {plan.isPending ? 'Planning…' : '✦ Plan this sprint'}
    </button>
  );
}
