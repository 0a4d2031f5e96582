using System.Diagnostics;
using Spectre.Console;

namespace Scan.Client.Output;

/// <summary>
/// Everything the client says to people goes to stderr: styled when stderr is a terminal, plain lines otherwise.
/// Machine-readable results (JSON) alone go to stdout.
/// </summary>
public sealed class ScanConsole
{
    private const int PlainLineWidth = 4096;

    private readonly IAnsiConsole _people;
    private readonly TextWriter _results;
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();

    public ScanConsole(TextWriter results, TextWriter people, bool interactive)
    {
        _results = results;
        _people = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(people),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            _people.Profile.Width = PlainLineWidth;
        }
    }

    public static ScanConsole ForProcess() => new(Console.Out, Console.Error, !Console.IsErrorRedirected);

    public void Info(string message) => _people.MarkupLine(Markup.Escape(message));

    public void Success(string message) => _people.MarkupLine($"[green]{Markup.Escape(message)}[/]");

    public void Warning(string message) => _people.MarkupLine($"[yellow]warning:[/] {Markup.Escape(message)}");

    public void Error(string message) => _people.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");

    /// <summary>A progress line, at most one every <paramref name="minimumSeconds"/> unless <paramref name="force"/>.</summary>
    public void Progress(string message, bool force = false, double minimumSeconds = 2)
    {
        if (force || _sinceProgress.Elapsed.TotalSeconds >= minimumSeconds)
        {
            _sinceProgress.Restart();
            _people.MarkupLine($"[grey]{Markup.Escape(message)}[/]");
        }
    }

    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new Table { Title = new TableTitle(title) };
        foreach (var header in headers)
        {
            table.AddColumn(header);
        }
        foreach (var row in rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }
        _people.Write(table);
    }

    /// <summary>A result for scripts: written to stdout as is.</summary>
    public void Result(string text) => _results.WriteLine(text);
}
