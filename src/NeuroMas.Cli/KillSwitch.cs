using System.Diagnostics;
using System.Globalization;
using NeuroMas.Alignment;
using NeuroMas.Results;

namespace NeuroMas.Cli;

/// <summary>
/// For the resume test: with <c>NEUROMAS_KILL_AFTER_CHECKPOINTS=n</c> set, the process kills itself (SIGKILL, as a user's
/// kill would) right after writing its n-th mid-run training state, so the test interrupts a sweep at the same point on
/// any machine, however fast. Unset, runs keep their state in plain files.
/// </summary>
internal static class KillSwitch
{
    public const string Variable = "NEUROMAS_KILL_AFTER_CHECKPOINTS";

    public static Func<string, ICheckpointStore>? Checkpoints()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var limit) || limit < 1)
            return null;
        var written = 0;
        return path => new Store(new FileCheckpointStore(path), () =>
        {
            if (++written >= limit) Process.GetCurrentProcess().Kill();
        });
    }

    private sealed class Store(FileCheckpointStore inner, Action afterWrite) : ICheckpointStore
    {
        public Stream? OpenRead() => inner.OpenRead();

        public void Write(Action<Stream> write)
        {
            inner.Write(write);
            afterWrite();
        }
    }
}
