import { amsterdamDate, checkEligibility, type ApplicationContent, type ApplicationView } from '@aware/casework/contract';
import { EligibilityView } from './EligibilityView.js';
import { ExtensionForm } from './ExtensionForm.js';
import { InitialForm } from './InitialForm.js';
import { useRegions } from '../../shared/use-regions.js';

/** The form of either kind of application, with its eligibility as it stands (live for an initial one). */
export function ContentEditor({ application, content, onChange }: { application: ApplicationView; content: ApplicationContent; onChange: (c: ApplicationContent) => void }) {
  const regions = useRegions();
  if (content.kind === 'extension') {
    return (
      <div className="application-layout">
        <ExtensionForm value={content} onChange={onChange} />
        <aside>{application.eligibility && <EligibilityView eligibility={application.eligibility} />}</aside>
      </div>
    );
  }
  const eligibility = checkEligibility({ ...content.client, fear: content.fear, minorException: content.minorException }, application.region, amsterdamDate(new Date()));
  return (
    <div className="application-layout">
      <InitialForm value={content} onChange={onChange} regions={regions} eligibility={eligibility} />
      <aside>
        <EligibilityView eligibility={eligibility} />
      </aside>
    </div>
  );
}
