using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Training;

/// <summary>Parameters that share a weight decay (0 for plain Adam, &gt; 0 for AdamW's decoupled decay).</summary>
public sealed record AdamParameterGroup(IReadOnlyList<Parameter> Parameters, double WeightDecay = 0);

/// <summary>
/// Adam, with AdamW's decoupled weight decay per group: torch.optim.Adam / AdamW's arithmetic (β = 0.9, 0.999,
/// ε = 1e-8), op for op as TorchSharp's own optimizers run it, so the weights it produces are the same bits.
/// It exists because TorchSharp 0.107's optimizers hand libtorch Scalars made by implicit conversion from doubles,
/// which nothing keeps alive during the native call: a garbage collection on another thread may finalise one while
/// libtorch reads it (the ViT target's crash, "Expected false to be true … Scalar.h" in THSTensor_addcdiv_).
/// Here every Scalar is held in a variable until the call that reads it has returned.
/// </summary>
public sealed class AdamOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;
    private const int StateVersion = 1;

    private readonly IReadOnlyList<AdamParameterGroup> _groups;
    private readonly ParameterState[] _states;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _oneMinusBeta1 = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _oneMinusBeta2 = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = Epsilon.ToScalar();

    public AdamOptimizer(IReadOnlyList<AdamParameterGroup> groups, double learningRate)
    {
        _groups = groups;
        LearningRate = learningRate;
        _states = [.. groups.SelectMany(g => g.Parameters).Select(p => new ParameterState(p))];
    }

    /// <summary>One group without weight decay: plain Adam.</summary>
    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate)
        : this([new AdamParameterGroup([.. parameters])], learningRate)
    {
    }

    public double LearningRate { get; set; }

    /// <summary>Updates every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        var index = 0;
        foreach (var group in _groups)
        {
            using var decay = (1 - LearningRate * group.WeightDecay).ToScalar();
            foreach (var parameter in group.Parameters)
            {
                var state = _states[index++];
                using var gradient = parameter.grad;
                if (gradient is null)
                {
                    continue;
                }
                state.Step++;
                if (group.WeightDecay != 0)
                {
                    parameter.mul_(decay);
                }
                Update(parameter, gradient, state);
            }
        }
    }

    /// <summary>Sets every gradient to zero (in place, as TorchSharp's optimizers do).</summary>
    public void ZeroGradients()
    {
        foreach (var parameter in _groups.SelectMany(g => g.Parameters))
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>Writes each parameter's step count and moment estimates.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(StateVersion);
        writer.Write(_states.Length);
        foreach (var state in _states)
        {
            writer.Write(state.Step);
            state.FirstMoment.Save(writer);
            state.SecondMoment.Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote, for the same parameters in the same order.</summary>
    public void Load(BinaryReader reader, string source)
    {
        var (version, count) = (reader.ReadInt32(), reader.ReadInt32());
        if (version != StateVersion || count != _states.Length)
        {
            throw new ScanInputException(
                $"{source} holds optimizer state version {version} for {count} parameters; this optimizer reads version {StateVersion} for {_states.Length}.");
        }
        foreach (var state in _states)
        {
            state.Step = reader.ReadInt64();
            state.FirstMoment.Load(reader);
            state.SecondMoment.Load(reader);
        }
    }

    public void Dispose()
    {
        foreach (var state in _states)
        {
            state.Dispose();
        }
        foreach (var scalar in new[] { _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon })
        {
            scalar.Dispose();
        }
    }

    private void Update(Parameter parameter, Tensor gradient, ParameterState state)
    {
        var biasCorrection1 = 1 - Math.Pow(Beta1, state.Step);
        var biasCorrection2 = 1 - Math.Pow(Beta2, state.Step);
        using var correction2Root = Math.Sqrt(biasCorrection2).ToScalar();
        using var stepSize = (-LearningRate / biasCorrection1).ToScalar();
        state.FirstMoment.mul_(_beta1).add_(gradient, _oneMinusBeta1);
        state.SecondMoment.mul_(_beta2).addcmul_(gradient, gradient, _oneMinusBeta2);
        using var root = state.SecondMoment.sqrt();
        using var denominator = root.div(correction2Root);
        denominator.add_(_epsilon);
        parameter.addcdiv_(state.FirstMoment, denominator, stepSize);
    }

    private sealed class ParameterState(Parameter parameter) : IDisposable
    {
        public long Step { get; set; }

        public Tensor FirstMoment { get; } = zeros_like(parameter).DetachFromDisposeScope();

        public Tensor SecondMoment { get; } = zeros_like(parameter).DetachFromDisposeScope();

        public void Dispose()
        {
            FirstMoment.Dispose();
            SecondMoment.Dispose();
        }
    }
}
