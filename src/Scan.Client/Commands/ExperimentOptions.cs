using System.CommandLine;
using Scan.Client.Output;
using Scan.Core;

namespace Scan.Client.Commands;

/// <summary>The options every multi-run experiment (`scan sanity`, `scan ablate`) takes, and how it hands over its summary.</summary>
public sealed class ExperimentOptions
{
    public Option<string> Target { get; } = CommonOptions.Target();
    public Option<string> Output { get; } = new("--out", "-o") { Description = "directory for every run's decoder and report (a rerun continues it)", Required = true };
    public Option<int> Limit { get; } = new("--limit", "-n") { Description = "score the first N test images in every run", DefaultValueFactory = _ => 1000 };
    public Option<int> DecoderEpochs { get; } = new("--decoder-epochs") { Description = "epochs of each run's SCAN decoder", DefaultValueFactory = _ => 1 };
    public Option<int?> DecoderLimit { get; } = new("--decoder-limit") { Description = "train each decoder on the first N training images", DefaultValueFactory = _ => 20000 };
    public Option<string> Data { get; } = CommonOptions.Data();
    public Option<string> Device { get; } = CommonOptions.Device();
    public Option<int> Seed { get; } = CommonOptions.Seed();
    public Option<string> Format { get; } = CommonOptions.Format();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Target, Output, Limit, DecoderEpochs, DecoderLimit, Data, Device, Seed, Format })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Writes the summary JSON into --out, then prints it (--format json) or the tables for people.</summary>
    public void Finish(ScanConsole console, ParseResult parse, string fileName, string json, Action printTables)
    {
        AtomicFile.WriteAllText(Path.Combine(parse.GetValue(Output)!, fileName), json);
        if (parse.GetValue(Format) == "json")
        {
            console.Result(json);
        }
        else
        {
            printTables();
        }
    }
}
