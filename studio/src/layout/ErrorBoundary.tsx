import { Component, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n/texts';

/** A screen that fails to draw says so and leaves the rest of the studio usable. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}

function ScreenFailed() {
  const { t } = useI18n();
  return (
    <p className="notice error" role="alert">
      {t('ui.app.screen_failed')}
    </p>
  );
}
