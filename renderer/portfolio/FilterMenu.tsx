import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

interface Props<V extends string> {
  label: string;
  options: { value: V; label: string }[];
  selected: readonly V[];
  onChange(selected: V[]): void;
}

/**
 * A button that opens a list of checkboxes: several values of one field at once, as the filter
 * allows, in the space of one select. Native <details>, so it opens with Enter or Space.
 */
export function FilterMenu<V extends string>({ label, options, selected, onChange }: Props<V>) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    const close = (event: Event) => {
      const details = ref.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !details.contains(event.target as Node)) {
        details.open = false;
        if (event instanceof KeyboardEvent) details.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, []);

  const summary =
    selected.length === 0
      ? t('portfolio.filter.any')
      : selected.length === 1
        ? (options.find((o) => o.value === selected[0])?.label ?? selected[0])
        : t('portfolio.filter.selected', { count: selected.length });
  return (
    <details ref={ref} className={`filter-menu${selected.length > 0 ? ' active' : ''}`}>
      <summary>
        <span className="filter-menu-label">{label}</span>
        <span className="filter-menu-value">{summary}</span>
      </summary>
      <fieldset className="filter-menu-panel">
        <legend className="visually-hidden">{label}</legend>
        {options.length === 0 && <p className="muted">{t('portfolio.filter.noValues')}</p>}
        {options.map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((v) => v !== option.value))}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
    </details>
  );
}
