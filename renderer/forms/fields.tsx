import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FieldFrameProps {
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  className?: string;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
}

/** Label, hint and error wired to the input for screen readers; the error sits right under the field. */
function FieldFrame({ label, required, hint, error, className, children }: FieldFrameProps) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={inputId}>
        {label}
        {required && (
          <span className="required" aria-label={t('form.required')}>
            {' *'}
          </span>
        )}
      </label>
      {children({ inputId, describedBy })}
      {hint && !error && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {error && (
        <div id={errorId} className="field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  onBlur?(): void;
  error?: string;
  hint?: string;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date' | 'search';
  autoComplete?: string;
  name: string;
  className?: string;
}

export function TextField({ label, value, onChange, onBlur, error, hint, required, type = 'text', autoComplete = 'off', name, className }: TextFieldProps) {
  return (
    <FieldFrame label={label} required={required} hint={hint} error={error} className={className}>
      {({ inputId, describedBy }) => (
        <input
          id={inputId}
          name={name}
          type={type}
          value={value}
          autoComplete={autoComplete}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        />
      )}
    </FieldFrame>
  );
}

interface SelectFieldProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange(value: string): void;
  onBlur?(): void;
  error?: string;
  hint?: string;
  required?: boolean;
  placeholder?: string;
  name: string;
}

export function SelectField({ label, value, options, onChange, onBlur, error, hint, required, placeholder, name }: SelectFieldProps) {
  return (
    <FieldFrame label={label} required={required} hint={hint} error={error}>
      {({ inputId, describedBy }) => (
        <select
          id={inputId}
          name={name}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          aria-required={required || undefined}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onBlur}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
