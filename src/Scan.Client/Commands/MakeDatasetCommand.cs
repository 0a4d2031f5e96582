using System.CommandLine;
using System.Diagnostics;
using Scan.Client.Output;
using Scan.Core;
using Scan.Core.Data.Natural;

namespace Scan.Client.Commands;

/// <summary><c>scan make-dataset</c>: Fashion-MNIST items on crops of real photographs, with their silhouettes as masks.</summary>
public static class MakeDatasetCommand
{
    public static Command Create(ScanConsole console)
    {
        var output = new Option<string>("--out", "-o") { Description = "directory to create (must not exist): train/, test/ (ImageFolder layout), masks/, samples.csv, dataset.json", Required = true };
        var photos = new Option<string>("--photos") { Description = "directory holding the background photographs (Debian's python3-skimage sample images)", DefaultValueFactory = _ => BackgroundPhotos.DebianDirectory };
        var limit = new Option<int?>("--limit", "-n") { Description = "make only the first N items of each split" };
        var (data, seed) = (CommonOptions.Data(), CommonOptions.Seed());
        var command = new Command("make-dataset", "Make Fashion-MNIST on natural backgrounds (64×64 RGB, MNIST-M style) with ground-truth masks")
        {
            output, photos, limit, data, seed,
        };
        command.SetScanAction(console, (parse, _) =>
        {
            if (parse.GetValue(limit) is < 1)
            {
                throw new ScanInputException($"--limit {parse.GetValue(limit)}: must be at least 1.");
            }
            var clock = Stopwatch.StartNew();
            using var backgrounds = BackgroundPhotos.Load(parse.GetValue(photos)!, BackgroundPhotos.DebianPhotos);
            var directory = parse.GetValue(output)!;
            NaturalBackgroundSet.Generate(parse.GetValue(data)!, backgrounds, directory, parse.GetValue(seed), parse.GetValue(limit), console.Info);
            console.Success($"Natural-background data set written to {directory} in {clock.Elapsed.TotalMinutes:F1} min.");
            return ExitCodes.Success;
        });
        return command;
    }
}
