import { useTranslation } from 'react-i18next';
import type { SectionProgress } from '../../../shared/assessments/questionnaire';
import { textIn } from '../../../shared/instruments/text';

interface Props {
  sections: SectionProgress[];
  current: SectionProgress | undefined;
  onJump(section: SectionProgress): void;
}

/** Every section with its progress; the adviser can jump anywhere, in any order. */
export function SectionNav({ sections, current, onJump }: Props) {
  const { t, i18n } = useTranslation();
  const instruments = [...new Set(sections.map((s) => s.instrument))];
  return (
    <nav className="section-nav" aria-label={t('workspace.sections')}>
      {instruments.map((instrument) => (
        <div key={instrument.id} className="section-group">
          <div className="section-group-title">{textIn(instrument.title, i18n.language)}</div>
          <ul>
            {sections
              .filter((s) => s.instrument === instrument && s.slots.length > 0)
              .map((section) => {
                const complete = section.done === section.slots.length;
                return (
                  <li key={section.dimension.id}>
                    <button
                      type="button"
                      className={`section-link ${section === current ? 'current' : ''} ${complete ? 'complete' : ''}`}
                      aria-current={section === current ? 'step' : undefined}
                      onClick={() => onJump(section)}
                    >
                      <span className="section-title">{textIn(section.dimension.title, i18n.language)}</span>
                      <span className="section-count" aria-label={t('workspace.progress', { done: section.done, total: section.slots.length })}>
                        {complete ? '✓' : `${section.done}/${section.slots.length}`}
                      </span>
                      <span className="section-bar" aria-hidden="true">
                        <span style={{ width: `${(100 * section.done) / section.slots.length}%` }} />
                      </span>
                    </button>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
