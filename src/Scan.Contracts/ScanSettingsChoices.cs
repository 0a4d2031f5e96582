namespace Scan.Core;

/// <summary>How the Gaussian blur of the reconstruction target is sized (SPEC.md §2).</summary>
[GenerateSerializer, Alias("scan.BlurVariant")]
public enum BlurVariant
{
    /// <summary>k = 2⌊S/s_f⌋ + 1, σ = S/(2 s_f) (Eq. 7).</summary>
    Paper,

    /// <summary>σ = S/s_f, k = 2⌊σ⌋ + 1 (the authors' reference code).</summary>
    Reference,
}

/// <summary>The decoders' normalisation layers.</summary>
[GenerateSerializer, Alias("scan.DecoderNormalization")]
public enum DecoderNormalization
{
    /// <summary>GroupNorm with gcd(32, C) groups: independent of how a batch is split over workers.</summary>
    GroupNorm,

    /// <summary>BatchNorm2d: its statistics depend on the (per-worker) batch.</summary>
    BatchNorm,
}

/// <summary>The map from the decoder's raw confidence channel to Ĉ ∈ [0, 1].</summary>
[GenerateSerializer, Alias("scan.ConfidenceActivation")]
public enum ConfidenceActivation
{
    /// <summary>Eq. 4's stretched sine.</summary>
    StretchedSine,

    /// <summary>The logistic sigmoid (the paper's ablation).</summary>
    Sigmoid,
}

/// <summary>
/// Where the confidence map is pushed by the reconstruction loss. Eq. 9 rewards confidence wherever the reconstruction
/// error e is small, which includes regions any decoder reconstructs without features (a constant background). The
/// prior-relative form rewards it where the features lower the error below that of a feature-free prior e₀.
/// </summary>
[GenerateSerializer, Alias("scan.ConfidenceWeight")]
public enum ConfidenceWeight
{
    /// <summary>Eq. 9 as printed (and the PyTorch port): αĈ + 1 − Ĉ, confident pixels weigh α.</summary>
    Equation9,

    /// <summary>The authors' TensorFlow code, which produced the paper's numbers: Ĉ/α + 1 − Ĉ, confident pixels weigh 1/α.</summary>
    Original,
}

[GenerateSerializer, Alias("scan.MaskGradient")]
public enum MaskGradient
{
    /// <summary>The gradient of the training label's logit (the PyTorch port); at inference, of the explained class's logit.</summary>
    LabelLogit,

    /// <summary>The gradient of the predicted class's softmax output (the original code); at inference, of the explained class's softmax output.</summary>
    PredictedSoftmax,
}

[GenerateSerializer, Alias("scan.ConfidenceReference")]
public enum ConfidenceReference
{
    /// <summary>No prior: Loss_r = mean[w(Ĉ)·e] with the weight of <see cref="ScanSettings.ConfidenceWeight"/>.</summary>
    None,

    /// <summary>
    /// Loss_r = mean[(1 + sĈ)·e − sĈ·(e₀ − ē₀)], with s the weight's slope (α − 1 for Eq. 9), e₀ = (Ỹ − Ȳ)², ē₀ its mean
    /// over the sample and Ȳ the training set's mean reconstruction target. The reconstruction's gradient is unchanged;
    /// only Ĉ's changes, from s·e to s·(e − e₀ + ē₀): it ranks pixels by what the features add over the prior, and since
    /// the correction sums to zero over a sample, it pushes on the map's area exactly as the weight alone does.
    /// </summary>
    DatasetMean,
}
