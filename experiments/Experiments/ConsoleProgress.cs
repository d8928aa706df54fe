using Augment.Core;
using Spectre.Console;

namespace Augment.Experiments;

/// <summary>
/// Renders progress on the console: one self-overwriting line on a terminal, and a plain line at most
/// every few seconds when output is redirected (CI logs stay readable).
/// </summary>
public sealed class ConsoleProgress(TimeSpan? logInterval = null) : IProgressSink
{
    readonly TimeSpan _interval = logInterval ?? TimeSpan.FromSeconds(5);
    readonly bool _interactive = !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    DateTime _last = DateTime.MinValue;
    string _lastTask = "";

    public void Report(ProgressSnapshot s)
    {
        var finished = s.Done >= s.Total;
        var now = DateTime.UtcNow;
        if (_interactive)
        {
            if (!finished && now - _last < TimeSpan.FromMilliseconds(200) && s.Task == _lastTask) return;
            var width = Math.Max(20, Console.BufferWidth - 1);
            var line = s.ToString();
            Console.Error.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
            if (finished) Console.Error.WriteLine();
        }
        else
        {
            if (!finished && now - _last < _interval && s.Task == _lastTask) return;
            Console.Error.WriteLine(s.ToString());
        }
        _last = now;
        _lastTask = s.Task;
    }
}
