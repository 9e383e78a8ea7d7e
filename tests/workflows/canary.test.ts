/**
 * scripts/canary.ts, offline: which functions a production deploy releases, the AppSpec
 * CodeDeploy gets for each, and the rollback commands the job summary prints. (The AWS calls
 * themselves only run in the deploy workflow.)
 */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appSpec, deploymentRequest, plan, rollbackCommand, summary, type ReleaseOutput } from "../../scripts/canary";

const output: ReleaseOutput = {
  application: "emporium-production-Release",
  functions: [
    { name: "ProductsList", functionName: "emporium-production-ApiRouteProductsListHandlerFunction", alias: "live", version: "8", deploymentGroup: "ProductsList" },
    { name: "OrdersPlace", functionName: "emporium-production-ApiRouteOrdersPlaceHandlerFunction", alias: "live", version: "5", deploymentGroup: "OrdersPlace" },
  ],
};

describe("canary release plan", () => {
  it("releases only the functions whose published version is not live yet", () => {
    const releases = plan(output, { "emporium-production-ApiRouteProductsListHandlerFunction": "7", "emporium-production-ApiRouteOrdersPlaceHandlerFunction": "5" });
    expect(releases).toEqual([{ ...output.functions[0], from: "7" }]);
    expect(plan(output, { "emporium-production-ApiRouteProductsListHandlerFunction": "8", "emporium-production-ApiRouteOrdersPlaceHandlerFunction": "5" })).toEqual([]);
  });

  it("refuses to guess when a function's live version is unknown", () => {
    expect(() => plan(output, {})).toThrow("no live version known for emporium-production-ApiRouteProductsListHandlerFunction");
  });

  it("writes an AppSpec that moves the alias from the live version to the published one", () => {
    const release = { ...output.functions[0]!, from: "7" };
    const text = appSpec(release);
    expect(text.startsWith("version: 0.0\n")).toBe(true);
    expect(parse(text)).toEqual({
      version: 0,
      Resources: [
        {
          ProductsList: {
            Type: "AWS::Lambda::Function",
            Properties: { Name: "emporium-production-ApiRouteProductsListHandlerFunction", Alias: "live", CurrentVersion: "7", TargetVersion: "8" },
          },
        },
      ],
    });
    expect(deploymentRequest(output.application, release)).toEqual({
      applicationName: "emporium-production-Release",
      deploymentGroupName: "ProductsList",
      description: "ProductsList: version 7 to 8",
      revision: { revisionType: "AppSpecContent", appSpecContent: { content: text } },
    });
  });

  it("prints, per released function, the command that puts it back on its previous version", () => {
    const release = { ...output.functions[1]!, version: "6", from: "5" };
    expect(rollbackCommand(release, "eu-west-1")).toBe(
      "aws lambda update-alias --region eu-west-1 --function-name emporium-production-ApiRouteOrdersPlaceHandlerFunction --name live --function-version 5",
    );
    const text = summary([{ ...release, deploymentId: "d-ABC123" }], "eu-west-1");
    expect(text).toContain("| OrdersPlace | 5 | 6 | `d-ABC123` |");
    expect(text).toContain(rollbackCommand(release, "eu-west-1"));
    expect(summary([], "eu-west-1")).toContain("nothing to release");
  });
});
