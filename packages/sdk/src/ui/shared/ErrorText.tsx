'use client';
import { useUI } from '../options/useUI';

/** A failed change, in the API's own words (they say what to do). */
export function ErrorText({ error }: { error: Error }) {
  const { t } = useUI();
  return (
    <p role="alert" className="billingos-error-text">
      {t('actionFailed', { message: error.message })}
    </p>
  );
}
