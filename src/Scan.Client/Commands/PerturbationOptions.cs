using System.CommandLine;
using Scan.Core.Explainers;

namespace Scan.Client.Commands;

/// <summary>The settings of the perturbation methods (rise, lime) that a user can change on the command line.</summary>
public sealed class PerturbationOptions
{
    private static readonly PerturbationExplainerSettings Defaults = new();

    private readonly Option<int> _riseMasks = new("--rise-masks") { Description = "rise: number of random masks N", DefaultValueFactory = _ => Defaults.RiseMasks };
    private readonly Option<int> _riseGrid = new("--rise-grid") { Description = "rise: the masks' coarse grid s (s×s cells)", DefaultValueFactory = _ => Defaults.RiseGrid };
    private readonly Option<double> _riseProbability = new("--rise-p") { Description = "rise: probability p1 that a cell is kept", DefaultValueFactory = _ => Defaults.RiseProbability };
    private readonly Option<int> _limeSamples = new("--lime-samples") { Description = "lime: perturbed samples per image", DefaultValueFactory = _ => Defaults.LimeSamples };
    private readonly Option<int> _limeSegments = new("--lime-segments") { Description = "lime: number of SLIC superpixels aimed for", DefaultValueFactory = _ => Defaults.LimeSegments };
    private readonly Option<double> _limeCompactness = new("--lime-compactness") { Description = "lime: SLIC compactness (spatial against [0, 1] intensity distance)", DefaultValueFactory = _ => Defaults.LimeCompactness };
    private readonly Option<double> _limeKernelWidth = new("--lime-kernel-width") { Description = "lime: width of the kernel on the cosine distance", DefaultValueFactory = _ => Defaults.LimeKernelWidth };
    private readonly Option<double> _limeRidge = new("--lime-ridge") { Description = "lime: ridge penalty λ", DefaultValueFactory = _ => Defaults.LimeRidge };
    private readonly Option<int> _batchSize = new("--perturbation-batch") { Description = "rise, lime: perturbed images per forward pass", DefaultValueFactory = _ => Defaults.BatchSize };

    public static PerturbationOptions Create() => new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _riseMasks, _riseGrid, _riseProbability, _limeSamples, _limeSegments, _limeCompactness, _limeKernelWidth, _limeRidge, _batchSize })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings given, checked (a bad one is a <see cref="Core.ScanInputException"/> naming it).</summary>
    public PerturbationExplainerSettings Read(ParseResult parse) => new PerturbationExplainerSettings
    {
        RiseMasks = parse.GetValue(_riseMasks),
        RiseGrid = parse.GetValue(_riseGrid),
        RiseProbability = parse.GetValue(_riseProbability),
        LimeSamples = parse.GetValue(_limeSamples),
        LimeSegments = parse.GetValue(_limeSegments),
        LimeCompactness = parse.GetValue(_limeCompactness),
        LimeKernelWidth = parse.GetValue(_limeKernelWidth),
        LimeRidge = parse.GetValue(_limeRidge),
        BatchSize = parse.GetValue(_batchSize),
    }.Validate();
}
