/** The `--image` a command writes into a pod spec, checked as the API server and the kubelet read it. */
import { CliError } from '../cli-error.ts';

/**
 * Refuses an image reference no pod could start from: empty (the API server requires `image` in a Deployment's
 * or Job's pod template), or holding whitespace or control characters (no image reference does; a newline made
 * `export k8s` write a YAML block scalar the kubelet then tried to pull). `--image ""` was written, exit 0.
 */
export function checkImageOption(image: string | undefined, example: string): void {
  if (image !== undefined && !/^[^\s\u0000-\u001f\u007f]+$/.test(image)) {
    throw new CliError(`--image ${JSON.stringify(image)}: expected a container image reference without spaces, e.g. ${example}`);
  }
}
