import { clsx } from 'clsx';
import { forwardRef, useId, type ButtonHTMLAttributes, type MouseEvent } from 'react';

export interface ActionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'danger' | 'ghost';
  /** Why the action cannot run here (e.g. a missing adapter capability): the button stays focusable and says why. */
  unavailableReason?: string | null;
  /** A write is in flight: the button keeps focus but does nothing. */
  pending?: boolean;
}

/**
 * The button of every action. Unavailable and pending states use
 * `aria-disabled` rather than `disabled`, so keyboard and screen-reader users
 * can still reach the button and hear why it does nothing.
 */
export const ActionButton = forwardRef<HTMLButtonElement, ActionButtonProps>(function ActionButton(
  { variant, unavailableReason, pending = false, className, onClick, children, type = 'button', ...rest },
  ref,
) {
  const noteId = useId();
  const inert = !!unavailableReason || pending;
  const describedBy = clsx(rest['aria-describedby'], unavailableReason && noteId) || undefined;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (inert) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <>
      <button
        ref={ref}
        type={type}
        className={clsx('td-button', className)}
        data-variant={variant}
        data-state={unavailableReason ? 'unavailable' : pending ? 'pending' : 'idle'}
        {...rest}
        aria-disabled={inert || rest['aria-disabled'] ? true : undefined}
        aria-busy={pending || undefined}
        aria-describedby={describedBy}
        onClick={handleClick}
      >
        {children}
      </button>
      {unavailableReason ? (
        <span id={noteId} data-slot="unavailable-reason" className="td-action-note">
          {unavailableReason}
        </span>
      ) : null}
    </>
  );
});
