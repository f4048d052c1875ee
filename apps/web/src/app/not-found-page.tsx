import { Link } from 'react-router';
import { EmptyState } from '../ui/states';

export default function NotFoundPage() {
  return (
    <div className="card">
      <EmptyState icon="?" title="Page not found" action={<Link to="/projects" className="btn">Back to projects</Link>}>
        The page you asked for does not exist.
      </EmptyState>
    </div>
  );
}
