using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Scan.Core.Models.Imported;

/// <summary>
/// torchvision's <c>VisionTransformer</c> (vit_b_16: patch 16, width 768, 12 blocks of 12 heads, MLP 3072) with its
/// exact module and parameter names: <c>_convProj</c>, <c>_classToken</c>, <c>_encoder.pos_embedding</c>,
/// <c>_encoder.layers.encoder_layer_N</c> (_attentionNorm, _attention with _inWeight/_outProjection, _mlpNorm, _mlp.0/_mlp.3),
/// <c>encoder.ln</c>, <c>heads.head</c>. The block outputs are tokens [B, 1 + g², D], class token first.
/// </summary>
public sealed class TorchVisionVisionTransformer : nn.Module<Tensor, Tensor>, IAttentionClassifier
{
    [ComponentName(Name = "conv_proj")]
    private readonly Conv2d _convProj;
    [ComponentName(Name = "class_token")]
    private readonly Parameter _classToken;
    [ComponentName(Name = "encoder")]
    private readonly Encoder _encoder;
    [ComponentName(Name = "heads")]
    private readonly Sequential _heads;

    public TorchVisionVisionTransformer(VisionTransformerSize size, int imageSize, int classes) : base("VisionTransformer")
    {
        if (imageSize % size.Patch != 0)
        {
            throw new ScanInputException($"A vision transformer with {size.Patch}-pixel patches needs an image side that is a multiple of {size.Patch}, not {imageSize}.");
        }
        var tokens = (imageSize / size.Patch) * (imageSize / size.Patch) + 1;
        _convProj = nn.Conv2d(3, size.Dim, size.Patch, stride: size.Patch);
        _classToken = new Parameter(zeros(1, 1, size.Dim));
        _encoder = new Encoder(size, tokens);
        _heads = nn.Sequential(("head", nn.Linear(size.Dim, classes)));
        RegisterComponents();
    }

    /// <summary>torchvision's vit_b_16.</summary>
    public static VisionTransformerSize B16 { get; } = new(Patch: 16, Dim: 768, Depth: 12, Heads: 12, MlpRatio: 4);

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return _heads.call(_encoder.call(Embed(input))[.., 0]).MoveToOuterDisposeScope();
    }

    public AttentionTrace ForwardWithAttention(Tensor normalisedImages)
    {
        using var scope = NewDisposeScope();
        var (tokens, attention) = _encoder.ForwardWithAttention(Embed(normalisedImages));
        var logits = _heads.call(tokens[.., 0]).MoveToOuterDisposeScope();
        return new AttentionTrace(logits, [.. attention.Select(probabilities => probabilities.MoveToOuterDisposeScope())]);
    }

    private Tensor Embed(Tensor images)
    {
        var patches = _convProj.call(images).flatten(2).transpose(1, 2);
        return cat([_classToken.expand(patches.shape[0], -1, -1), patches], 1);
    }

    private sealed class Encoder : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "pos_embedding")]
        private readonly Parameter _positions;
        [ComponentName(Name = "layers")]
        private readonly Sequential _layers;
        [ComponentName(Name = "ln")]
        private readonly LayerNorm _norm;

        public Encoder(VisionTransformerSize size, int tokens) : base(nameof(Encoder))
        {
            _positions = new Parameter(normal(0, 0.02, [1, tokens, size.Dim]));
            _layers = nn.Sequential(Enumerable.Range(0, size.Depth)
                .Select(index => ($"encoder_layer_{index}", (nn.Module<Tensor, Tensor>)new EncoderBlock(size))).ToArray());
            _norm = nn.LayerNorm(size.Dim, eps: 1e-6);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => _norm.call(_layers.call(input.add(_positions)));

        public (Tensor Tokens, List<Tensor> Attention) ForwardWithAttention(Tensor input)
        {
            var tokens = input.add(_positions);
            var attention = new List<Tensor>();
            foreach (var block in _layers.children().Cast<EncoderBlock>())
            {
                (tokens, var probabilities) = block.ForwardWithAttention(tokens);
                attention.Add(probabilities);
            }
            return (_norm.call(tokens), attention);
        }
    }

    private sealed class EncoderBlock : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "ln_1")]
        private readonly LayerNorm _attentionNorm;
        [ComponentName(Name = "self_attention")]
        private readonly InProjectionAttention _attention;
        [ComponentName(Name = "ln_2")]
        private readonly LayerNorm _mlpNorm;
        [ComponentName(Name = "mlp")]
        private readonly Sequential _mlp;

        public EncoderBlock(VisionTransformerSize size) : base(nameof(EncoderBlock))
        {
            var hidden = size.MlpRatio * size.Dim;
            _attentionNorm = nn.LayerNorm(size.Dim, eps: 1e-6);
            _attention = new InProjectionAttention(size.Dim, size.Heads);
            _mlpNorm = nn.LayerNorm(size.Dim, eps: 1e-6);
            _mlp = nn.Sequential(nn.Linear(size.Dim, hidden), nn.GELU(), nn.Dropout(0), nn.Linear(hidden, size.Dim), nn.Dropout(0));
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => ForwardWithAttention(input).Output;

        public (Tensor Output, Tensor Attention) ForwardWithAttention(Tensor input)
        {
            var (attended, attention) = _attention.Attend(_attentionNorm.call(input));
            var hidden = attended.add(input);
            return (hidden.add(_mlp.call(_mlpNorm.call(hidden))), attention);
        }
    }

    /// <summary>PyTorch's <c>nn.MultiheadAttention</c> as self-attention: <c>_inWeight</c>/<c>_inBias</c> and <c>_outProjection</c>.</summary>
    private sealed class InProjectionAttention : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "in_proj_weight")]
        private readonly Parameter _inWeight;
        [ComponentName(Name = "in_proj_bias")]
        private readonly Parameter _inBias;
        [ComponentName(Name = "out_proj")]
        private readonly Linear _outProjection;
        private readonly int _headCount;

        public InProjectionAttention(int dim, int heads) : base("MultiheadAttention")
        {
            _headCount = heads;
            var bound = Math.Sqrt(6.0 / (dim + (3 * dim)));
            _inWeight = new Parameter(empty(3 * dim, dim).uniform_(-bound, bound));
            _inBias = new Parameter(zeros(3 * dim));
            _outProjection = nn.Linear(dim, dim);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input) => Attend(input).Output;

        public (Tensor Output, Tensor Attention) Attend(Tensor input)
        {
            var (mixed, attention) = MultiHeadAttention.Attend(nn.functional.linear(input, _inWeight, _inBias), _headCount);
            return (_outProjection.call(mixed), attention);
        }
    }
}
