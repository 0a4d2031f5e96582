using Scan.Client.Commands;

namespace Scan.Client.Tests.Commands;

public class AblationPlanTests
{
    [Fact]
    public void DefaultLayers_OwnTarget_AreTheTwoStagesBeforeTheDefault()
    {
        Assert.Equal(["stage1", "stage2", "stage3"], AblationPlan.DefaultLayers(["stem", "stage1", "stage2", "stage3"], "stage3"));
        Assert.Equal(["stem", "stage1"], AblationPlan.DefaultLayers(["stem", "stage1", "stage2", "stage3"], "stage1"));
    }

    [Fact]
    public void DefaultLayers_ModuleTree_AreTheDefaultsSiblingsNotModulesInsideThem()
    {
        string[] resnet = ["conv1", "bn1", "layer1", "layer1.0", "layer2", "layer2.0", "layer3", "layer3.0", "layer3.0.conv1", "layer3.1", "layer4", "layer4.0", "avgpool", "fc"];
        string[] vit = ["conv_proj", "encoder", "encoder.layers", "encoder.layers.encoder_layer_0", "encoder.layers.encoder_layer_0.ln_1",
            "encoder.layers.encoder_layer_1", "encoder.layers.encoder_layer_2", "encoder.layers.encoder_layer_2.mlp", "encoder.ln", "heads"];

        Assert.Equal(["layer2", "layer3", "layer4"], AblationPlan.DefaultLayers(resnet, "layer4"));
        Assert.Equal(["encoder.layers.encoder_layer_0", "encoder.layers.encoder_layer_1", "encoder.layers.encoder_layer_2"],
            AblationPlan.DefaultLayers(vit, "encoder.layers.encoder_layer_2"));
    }
}
