using System.Text.Json;
using Scan.Core.Tests.References;
using Scan.Core.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Scan.Core.Tests.Training;

public class AdamOptimizerTests
{
    private const int Steps = 12;
    private static readonly long[][] Shapes = [[3, 4], [5], [2, 3]];
    private static readonly double[] Decays = [0.05, 0, 0.05];

    /// <summary>Deterministic starting values and per-step gradients and learning rates (a warm-up, then a decay).</summary>
    private static float[] Values(int parameter, int step, long count) =>
        [.. Enumerable.Range(0, (int)count).Select(i => (float)(step == 0
            ? 0.5 * Math.Sin(1.0 + i + 3 * parameter)
            : Math.Sin(0.7 * i + 1.3 * step + parameter) * (1 + 0.1 * step) + (i % 3 == 0 ? 1e-3 : 0)))];

    private static double LearningRate(int step) => step <= 3 ? 1e-2 * step / 3 : 1e-2 * Math.Pow(0.8, step - 3);

    private static Parameter[] NewParameters() =>
        [.. Shapes.Select((shape, p) => new Parameter(tensor(Values(p, 0, shape.Aggregate(1L, (a, b) => a * b))).reshape(shape)))];

    private static void SetGradients(Parameter[] parameters, int step)
    {
        for (var p = 0; p < parameters.Length; p++)
        {
            parameters[p].grad = tensor(Values(p, step, parameters[p].numel())).reshape(parameters[p].shape);
        }
    }

    private static float[][] Read(Parameter[] parameters) => [.. parameters.Select(p => p.detach().data<float>().ToArray())];

    private static AdamOptimizer Ours(Parameter[] parameters) =>
        new([new AdamParameterGroup([parameters[0], parameters[2]], Decays[0]), new AdamParameterGroup([parameters[1]])], LearningRate(1));

    private static float[][] RunOurs()
    {
        var parameters = NewParameters();
        using var optimizer = Ours(parameters);
        for (var step = 1; step <= Steps; step++)
        {
            SetGradients(parameters, step);
            optimizer.LearningRate = LearningRate(step);
            optimizer.Step();
        }
        return Read(parameters);
    }

    [Fact]
    public void Step_AgainstPyTorchAdamW_MatchesItsParametersToFloatPrecision()
    {
        var order = new[] { 0, 2, 1 };
        var request = new
        {
            groups = new object[]
            {
                new { weight_decay = Decays[0], parameters = new[] { Values(0, 0, 12), Values(2, 0, 6) } },
                new { weight_decay = 0.0, parameters = new[] { Values(1, 0, 5) } },
            },
            gradients = Enumerable.Range(1, Steps).Select(step => order.Select(p => Values(p, step, Shapes[p].Aggregate(1L, (a, b) => a * b))).ToArray()).ToArray(),
            learning_rates = Enumerable.Range(1, Steps).Select(LearningRate).ToArray(),
        };
        var expected = JsonSerializer.Deserialize<float[][]>(PyTorchReference.Run("adam_reference.py", JsonSerializer.Serialize(request)))!;

        var ours = RunOurs();

        for (var k = 0; k < order.Length; k++)
        {
            var (mine, torchs) = (ours[order[k]], expected[k]);
            Assert.Equal(torchs.Length, mine.Length);
            for (var i = 0; i < mine.Length; i++)
            {
                Assert.True(Math.Abs(mine[i] - torchs[i]) <= 1e-6, $"parameter {order[k]}[{i}]: ours {mine[i]}, PyTorch {torchs[i]}");
            }
            // The steps moved the values by far more than the tolerance: the comparison is not of starting values.
            Assert.True(mine.Zip(Values(order[k], 0, mine.Length)).Average(v => Math.Abs(v.First - v.Second)) > 1e-3);
        }
    }

    [Fact]
    public void Step_AgainstTorchSharpsAdamW_GivesTheSameBits()
    {
        var parameters = NewParameters();
        var groups = new[]
        {
            new AdamW.ParamGroup([parameters[0], parameters[2]], new AdamW.Options { LearningRate = LearningRate(1), weight_decay = Decays[0] }),
            new AdamW.ParamGroup([parameters[1]], new AdamW.Options { LearningRate = LearningRate(1), weight_decay = 0 }),
        };
        using (var optimizer = optim.AdamW(groups, LearningRate(1)))
        {
            for (var step = 1; step <= Steps; step++)
            {
                SetGradients(parameters, step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = LearningRate(step);
                }
                optimizer.step();
            }
        }

        Assert.Equal(Read(parameters), RunOurs());
    }

    [Fact]
    public void SaveThenLoad_MidRun_ContinuesToTheUninterruptedParameters()
    {
        var parameters = NewParameters();
        using var stream = new MemoryStream();
        using (var first = Ours(parameters))
        {
            for (var step = 1; step <= Steps / 2; step++)
            {
                SetGradients(parameters, step);
                first.LearningRate = LearningRate(step);
                first.Step();
            }
            first.Save(new BinaryWriter(stream));
        }
        stream.Position = 0;
        using var second = Ours(parameters);
        second.Load(new BinaryReader(stream), "memory");
        for (var step = Steps / 2 + 1; step <= Steps; step++)
        {
            SetGradients(parameters, step);
            second.LearningRate = LearningRate(step);
            second.Step();
        }

        Assert.Equal(RunOurs(), Read(parameters));
    }

    [Fact]
    public void Load_StateOfAnotherParameterCount_IsAnInputErrorNamingTheSource()
    {
        var parameters = NewParameters();
        using var stream = new MemoryStream();
        using (var three = Ours(parameters))
        {
            three.Save(new BinaryWriter(stream));
        }
        stream.Position = 0;
        using var one = new AdamOptimizer([parameters[1]], 1e-3);

        var error = Assert.Throws<ScanInputException>(() => one.Load(new BinaryReader(stream), "ckpt.bin"));
        Assert.Contains("ckpt.bin", error.Message);
        Assert.Contains("3 parameters", error.Message);
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAsItIs()
    {
        var parameters = NewParameters();
        var before = Read(parameters);
        using var optimizer = Ours(parameters);
        parameters[0].grad = tensor(Values(0, 1, 12)).reshape(3, 4);

        optimizer.Step();

        Assert.Equal(before[1], Read(parameters)[1]);
        Assert.NotEqual(before[0], Read(parameters)[0]);
    }
}
