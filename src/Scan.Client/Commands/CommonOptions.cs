using System.CommandLine;

namespace Scan.Client.Commands;

/// <summary>Options that several commands share, with one definition each.</summary>
public static class CommonOptions
{
    public const string DefaultFashionMnist = Core.Data.FashionMnistDataset.DefaultDirectory;

    public static Option<string> Device() => new("--device")
    {
        Description = "auto (CUDA when present), cpu, cuda or cuda:N",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string> Data() => new("--data")
    {
        Description = "data: a Fashion-MNIST IDX directory, or an image-folder root with train/ and test/ (or val/) class folders",
        DefaultValueFactory = _ => DefaultFashionMnist,
    };

    public static Option<bool> SkipBadFiles() => new("--skip-bad-files")
    {
        Description = "image folders: leave out unreadable or oversized files (counted in a warning) instead of stopping",
    };

    public static Option<string> Target(bool required = true) => new("--target")
    {
        Description = "target model directory (target.json + weights.safetensors)",
        Required = required,
    };

    public static Option<string> Decoder(bool required = true) => new("--decoder")
    {
        Description = "decoder directory written by `scan train`",
        Required = required,
    };

    public static Option<string?> Layer() => new("--layer")
    {
        Description = "target layer to explain (default: the target's default; see `scan layers`)",
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "random seed",
        DefaultValueFactory = _ => 1,
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "text (for people) or json (only JSON on stdout)",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");
}
