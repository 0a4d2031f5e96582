using System.Diagnostics;
using Spectre.Console;

namespace Scan.Client.Output;

/// <summary>
/// Results (tables, JSON) go to stdout, everything else the client says to people (progress, messages, errors) to
/// stderr, as kubectl and dotnet do: <c>scan evaluate … &gt; out.txt</c> keeps the table. Each is styled when it is
/// a terminal, plain lines otherwise.
/// </summary>
public sealed class ScanConsole
{
    private const int PlainLineWidth = 4096;

    private readonly IAnsiConsole _people;
    private readonly IAnsiConsole _tables;
    private readonly TextWriter _results;
    private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();

    /// <param name="interactive">whether <paramref name="people"/> is a terminal; <paramref name="resultsInteractive"/> the same for <paramref name="results"/> (default: as people).</param>
    public ScanConsole(TextWriter results, TextWriter people, bool interactive, bool? resultsInteractive = null)
    {
        _results = results;
        _people = Create(people, interactive);
        _tables = Create(results, resultsInteractive ?? interactive);
    }

    /// <summary>Where results go (stdout): also where --help prints.</summary>
    public TextWriter ResultsWriter => _results;

    public static ScanConsole ForProcess() => new(Console.Out, Console.Error, !Console.IsErrorRedirected, !Console.IsOutputRedirected);

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            console.Profile.Width = PlainLineWidth;
        }
        return console;
    }

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

    /// <summary>
    /// Runs <paramref name="work"/>, which reports (done, total, text): a live progress bar on a terminal, progress
    /// lines (at most one every 2 s) otherwise.
    /// </summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<Action<long, long, string>, Task<T>> work)
    {
        if (!_people.Profile.Capabilities.Interactive)
        {
            return await work((done, total, text) => Progress($"{title}: {text}", force: total > 0 && done >= total));
        }
        return await _people.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                return work((done, total, text) =>
                {
                    task.MaxValue = Math.Max(total, 1);
                    task.Value = Math.Min(done, task.MaxValue);
                    task.Description = Markup.Escape($"{title} {text}");
                });
            });
    }

    /// <summary>A table: on stdout when it is the command's result, else (a summary along the way) on stderr.</summary>
    public void Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, bool result = true)
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
        (result ? _tables : _people).Write(table);
    }

    /// <summary>A result for scripts: written to stdout as is.</summary>
    public void Result(string text) => _results.WriteLine(text);
}
