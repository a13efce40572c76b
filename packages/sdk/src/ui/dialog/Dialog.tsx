'use client';
import { useId, useRef, type ReactNode } from 'react';
import { useFocusTrap } from './useFocusTrap';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  /** Escape, the backdrop or a close button; ignored while `busy`. */
  onClose: () => void;
  busy?: boolean;
  wide?: boolean;
  children?: ReactNode;
}

/**
 * A modal dialog: `role="dialog"` with `aria-modal`, labelled by its title and described by its
 * description, focus moved in and kept inside, Escape closes, focus goes back to the opener.
 */
export function Dialog({ title, description, onClose, busy = false, wide = false, children }: DialogProps) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const close = () => {
    if (!busy) onClose();
  };
  const onKeyDown = useFocusTrap(panel, close);
  return (
    <div className="billingos-overlay" onMouseDown={(event) => event.target === event.currentTarget && close()}>
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}t`}
        aria-describedby={description ? `${id}d` : undefined}
        aria-busy={busy || undefined}
        tabIndex={-1}
        className={wide ? 'billingos-dialog billingos-dialog-wide' : 'billingos-dialog'}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}t`} className="billingos-dialog-title">
          {title}
        </h2>
        {description && (
          <div id={`${id}d`} className="billingos-dialog-body">
            {description}
          </div>
        )}
        {children}
      </div>
    </div>
  );
}
