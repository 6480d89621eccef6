// Shown when there is no usable session: what happened, and how to get one.
export function SessionProblem({ title, message }: { title: string; message: string }) {
  return (
    <main style={{ margin: '2rem', maxWidth: 640, font: '16px system-ui, sans-serif' }}>
      <h1 style={{ fontSize: '1.4rem' }}>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        Relaunch CareRelay from the patient chart in your EHR, or <a href="launch.html">start a standalone sign-in</a>.
      </p>
    </main>
  );
}
