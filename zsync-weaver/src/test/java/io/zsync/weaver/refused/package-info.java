/** Classes the weaver must refuse, each woven alone by the refusal tests. */
package io.zsync.weaver.refused;
