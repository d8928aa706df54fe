namespace Augment.Torch;

/// <summary>A process-wide switch turned on for a <c>using</c> block: disposing runs the undo once. <see cref="None"/>
/// for when nothing was switched.</summary>
internal sealed class SwitchScope(Action undo) : IDisposable
{
    public static readonly IDisposable None = new SwitchScope(() => { });

    Action? _undo = undo;

    public void Dispose() => Interlocked.Exchange(ref _undo, null)?.Invoke();
}
