// An email's evidence problems in the words the review page's summary uses ("2 problems"), for the
// queue and the session page. Zero shows only once there was a transcript to check against.
import { Badge } from "@/components/ui/badge";
import { problemsLabel } from "@/lib/evidence/summarize-evidence";

const explanation = "Evidence problems: specifics not said on the call or contradicting it, and recipients to confirm";

export function ProblemsBadge({ problems, checked }: { problems: number; checked: boolean }) {
  if (problems > 0)
    return (
      <Badge tone="bad" title={explanation}>
        {problemsLabel(problems)}
      </Badge>
    );
  return checked ? <Badge tone="ok">{problemsLabel(0)}</Badge> : null;
}
